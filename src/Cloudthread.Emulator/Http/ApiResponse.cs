using System.Text.Json.Nodes;

namespace Cloudthread.Emulator.Http;

/// <summary>What a handler answers: a status and an optional JSON body.</summary>
internal sealed record ApiResponse(int Status, JsonNode? Body)
{
    public static ApiResponse Ok(JsonNode body) => new(200, body);

    public static ApiResponse Created(JsonNode body) => new(201, body);

    public static ApiResponse NoContent() => new(204, null);
}
