namespace Cloudthread.Emulator.Http;

/// <summary>One operation of the API: method, path template (<c>/teams/{team_id}</c>) and handler.</summary>
/// <param name="IsWrite">Writes need a full-access key (read-only keys get 403).</param>
/// <param name="ReadsBody">The body is read and parsed as JSON before the handler runs.</param>
internal sealed record ApiRoute(string Method, string Template, bool IsWrite, bool ReadsBody, Func<ApiRequest, ApiResponse> Handler)
{
    public string[] Segments { get; } = Template.Split('/', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>
    /// Optional, for a route that reads a body: answers from the body's bytes before they are parsed into a document,
    /// or returns null to leave them to <see cref="Handler"/>. Whatever it answers, <see cref="Handler"/> would have.
    /// </summary>
    public PlainBodyHandler? PlainBodyHandler { get; init; }
}

/// <summary>An answer to a request from its body's UTF-8 bytes (gzip already undone), or null to parse them after all.</summary>
internal delegate ApiResponse? PlainBodyHandler(ReadOnlySpan<byte> utf8Json);
