using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cloudthread.Emulator.Http;

/// <summary>Writes JSON and error bodies.</summary>
internal static class ResponseWriter
{
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };

    public static async Task WriteJsonAsync(HttpContext context, int status, JsonNode? body)
    {
        context.Response.StatusCode = status;
        if (body is null)
        {
            return;
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, Compact);
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
    }

    public static Task WriteErrorAsync(HttpContext context, ApiException error) =>
        WriteErrorAsync(context, error.Status, error.Code, error.Message, error.Details);

    public static Task WriteErrorAsync(HttpContext context, int status, string code, string message, IReadOnlyList<ErrorDetail>? details = null)
    {
        var detailArray = new JsonArray();
        foreach (var detail in details ?? [])
        {
            detailArray.Add(new JsonObject { ["path"] = detail.Path, ["message"] = detail.Message });
        }

        var body = new JsonObject { ["code"] = code, ["message"] = message, ["details"] = detailArray };
        return WriteJsonAsync(context, status, body);
    }

    /// <summary>Kestrel could not read the request (e.g. a broken chunked body): the client's fault (400, or 413), not a crash.</summary>
    public static Task WriteUnreadableRequestAsync(HttpContext context, BadHttpRequestException ex)
    {
        var tooLarge = ex.StatusCode == 413;
        return WriteErrorAsync(context, tooLarge ? 413 : 400, tooLarge ? ErrorCodes.PayloadTooLarge : ErrorCodes.ValidationFailed, "The request could not be read: " + ex.Message);
    }
}
