using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Cloudthread.Emulator.Tests.Infrastructure;

/// <summary>
/// A real emulator on a free loopback port plus a client whose every API response is checked
/// against the served contract (see <see cref="ContractSchemas"/>).
/// </summary>
internal sealed class TestEmulator : IAsyncDisposable
{
    private TestEmulator(EmulatorServer server)
    {
        Server = server;
        Http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(30) })
        {
            BaseAddress = server.BaseUri,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public EmulatorServer Server { get; }

    public HttpClient Http { get; }

    public static async Task<TestEmulator> StartAsync(Action<EmulatorOptions>? configure = null)
    {
        var options = new EmulatorOptions { Quiet = true };
        configure?.Invoke(options);
        return new TestEmulator(await EmulatorServer.StartAsync(options));
    }

    public Task<ApiResult> GetAsync(string path, string? apiKey = EmulatorOptions.DemoApiKey) =>
        SendAsync(HttpMethod.Get, path, null, apiKey);

    public Task<ApiResult> PostAsync(string path, object? body, string? apiKey = EmulatorOptions.DemoApiKey) =>
        SendAsync(HttpMethod.Post, path, body, apiKey);

    /// <summary>Sends a request; a string body is sent as-is (raw JSON), anything else is serialized.</summary>
    public async Task<ApiResult> SendAsync(HttpMethod method, string path, object? body, string? apiKey = EmulatorOptions.DemoApiKey,
        Action<HttpRequestMessage>? customize = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path.TrimStart('/'), UriKind.Relative));
        if (apiKey is not null)
        {
            request.Headers.TryAddWithoutValidation("x-api-key", apiKey);
        }

        if (body is not null)
        {
            var json = body as string ?? JsonSerializer.Serialize(body);
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        customize?.Invoke(request);
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        await ContractSchemas.AssertConformsAsync(Http, method, path, (int)response.StatusCode, text);
        if (text.Length > 0)
        {
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        }

        return new ApiResult(response.StatusCode, response.Headers, text);
    }

    public async Task<JsonElement> AdminGetAsync(string path)
    {
        var text = await Http.GetStringAsync(new Uri("_emulator/" + path, UriKind.Relative));
        return JsonDocument.Parse(text).RootElement;
    }

    public async Task<JsonElement> AdminPutFaultsAsync(object faults)
    {
        using var response = await Http.PutAsync(new Uri("_emulator/faults", UriKind.Relative),
            new StringContent(JsonSerializer.Serialize(faults), Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text).RootElement;
    }

    public async Task ResetAsync()
    {
        using var response = await Http.PostAsync(new Uri("_emulator/reset", UriKind.Relative), null);
        response.EnsureSuccessStatusCode();
    }

    public async Task<List<JsonElement>> CustomDataAsync() => (await AdminGetAsync("custom-data")).EnumerateArray().ToList();

    public static object Ingest(string aggFunc, params object[] points) =>
        new { data_stream_token = EmulatorOptions.DemoDataStreamToken, metric_agg_func = aggFunc, data = points };

    public static object Point(string metric, object timestamp, double value, object? dimensions = null) =>
        dimensions is null
            ? new { timestamp, metric_name = metric, metric_value = value }
            : new { timestamp, metric_name = metric, metric_value = value, custom_dimensions = dimensions };

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}

/// <summary>One emulator shared by the tests of a class that only read, or reset before they write.</summary>
public sealed class SharedEmulator : IAsyncLifetime
{
    internal TestEmulator Emulator { get; private set; } = null!;

    public async Task InitializeAsync() => Emulator = await TestEmulator.StartAsync();

    public async Task DisposeAsync() => await Emulator.DisposeAsync();
}
