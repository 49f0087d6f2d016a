using System.Text.Json;

namespace Cloudthread.Emulator.Http;

/// <summary>A routed API request: route values, query and the parsed JSON body (when the route reads one).</summary>
internal sealed record ApiRequest(HttpContext Http, IReadOnlyDictionary<string, string> RouteValues, JsonElement? Body)
{
    public string Route(string name) => RouteValues[name];

    public string? Query(string name)
    {
        var values = Http.Request.Query[name];
        return values.Count == 0 ? null : values[^1];
    }

    /// <summary>The body, or a 400 naming it when the request had none.</summary>
    public JsonElement RequiredBody => Body ?? throw ApiException.Validation("body", "a JSON request body is required");
}
