using System.Net.Http.Json;
using System.Security;
using System.Text.Json;
using Cloudthread.Emulator;

namespace Cloudthread.PowerShell.EngineTests.Infrastructure;

/// <summary>One in-process emulator per test class, with a client for its admin endpoints.</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    private EmulatorServer? _server;

    public Uri BaseUri => _server?.BaseUri ?? throw new InvalidOperationException("The emulator is not started.");

    public HttpClient Admin { get; private set; } = new();

    public string ManifestPath { get; } = ModuleManifestPath.Resolve();

    public async Task InitializeAsync()
    {
        _server = await EmulatorServer.StartAsync(new EmulatorOptions { Quiet = true }, CancellationToken.None);
        Admin = new HttpClient { BaseAddress = _server.BaseUri };
    }

    public async Task DisposeAsync()
    {
        Admin.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>Back to the demo org, so that each test starts from the documented state.</summary>
    public async Task ResetAsync()
    {
        using var response = await Admin.PostAsync(new Uri("_emulator/reset", UriKind.Relative), null);
        response.EnsureSuccessStatusCode();
    }

    public async Task<JsonElement> GetAdminAsync(string relativePath) =>
        await Admin.GetFromJsonAsync<JsonElement>(new Uri(relativePath, UriKind.Relative));

    /// <summary>The team's member ids, read from the API with the demo key (not through the module).</summary>
    public async Task<string[]> TeamMemberIdsAsync(string teamId)
    {
        var (status, body) = await GetApiAsync($"teams/{teamId}/members");
        Assert.Equal(System.Net.HttpStatusCode.OK, status);
        var users = body.ValueKind == JsonValueKind.Array ? body : body.GetProperty("users");
        return users.EnumerateArray().Select(u => u.GetProperty("id").GetString()!).ToArray();
    }

    /// <summary>An API GET with the demo key, straight to the emulator: the state the module left behind.</summary>
    public async Task<(System.Net.HttpStatusCode Status, JsonElement Body)> GetApiAsync(string relativePath)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(relativePath, UriKind.Relative));
        request.Headers.Add("x-api-key", EmulatorOptions.DemoApiKey);
        using var response = await Admin.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response.StatusCode, body);
    }

    public static SecureString Secure(string value)
    {
        var secure = new SecureString();
        foreach (var c in value)
        {
            secure.AppendChar(c);
        }

        secure.MakeReadOnly();
        return secure;
    }
}
