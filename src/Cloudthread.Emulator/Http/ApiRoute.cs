namespace Cloudthread.Emulator.Http;

/// <summary>One operation of the API: method, path template (<c>/teams/{team_id}</c>) and handler.</summary>
/// <param name="IsWrite">Writes need a full-access key (read-only keys get 403).</param>
/// <param name="ReadsBody">The body is read and parsed as JSON before the handler runs.</param>
internal sealed record ApiRoute(string Method, string Template, bool IsWrite, bool ReadsBody, Func<ApiRequest, ApiResponse> Handler)
{
    public string[] Segments { get; } = Template.Split('/', StringSplitOptions.RemoveEmptyEntries);
}
