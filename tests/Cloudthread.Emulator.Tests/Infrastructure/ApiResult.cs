using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Cloudthread.Emulator.Tests.Infrastructure;

/// <summary>A response read in full: status, headers and body (already checked against the contract).</summary>
internal sealed record ApiResult(HttpStatusCode Status, HttpResponseHeaders Headers, string Body)
{
    public int Code => (int)Status;

    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string ErrorCode => Json.GetProperty("code").GetString()!;

    public IReadOnlyList<(string Path, string Message)> Details =>
        Json.GetProperty("details").EnumerateArray()
            .Select(d => (d.GetProperty("path").GetString()!, d.GetProperty("message").GetString()!)).ToList();
}
