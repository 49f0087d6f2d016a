using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Cloudthread.Emulator;

namespace Cloudthread.Client.Tests.Ingestion;

/// <summary>One in-memory emulator for a test class; each test resets it and reads what it stored.</summary>
public sealed class EmulatorIngestionFixture : IAsyncLifetime
{
    private EmulatorServer? _server;

    public Uri BaseUri => _server!.BaseUri;

    public HttpClient Admin { get; } = new();

    public async Task InitializeAsync()
    {
        _server = await EmulatorServer.StartAsync(new EmulatorOptions { Quiet = true });
        Admin.BaseAddress = _server.BaseUri;
    }

    public async Task DisposeAsync()
    {
        Admin.Dispose();
        if (_server != null)
        {
            await _server.DisposeAsync();
        }
    }

    public CloudthreadClient CreateClient() => new(new CloudthreadClientOptions
    {
        BaseUri = BaseUri,
        ApiKey = EmulatorOptions.DemoApiKey,
        Retry = { BaseDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(50) },
    });

    public async Task ResetAsync() => (await Admin.PostAsync("/_emulator/reset", null)).EnsureSuccessStatusCode();

    public async Task SetFaultsAsync(object faults) => (await Admin.PutAsJsonAsync("/_emulator/faults", faults)).EnsureSuccessStatusCode();

    /// <summary>Records stored through ingest for <paramref name="metricPrefix"/> (the demo org seeds other metrics).</summary>
    public async Task<List<StoredRecord>> StoredAsync(string metricPrefix)
    {
        var all = await Admin.GetFromJsonAsync<List<StoredRecord>>("/_emulator/custom-data");
        return all!.Where(r => r.MetricName.StartsWith(metricPrefix, StringComparison.Ordinal)).ToList();
    }

    public async Task<EmulatorStats> StatsAsync() => (await Admin.GetFromJsonAsync<EmulatorStats>("/_emulator/stats"))!;
}

public sealed record StoredRecord(
    [property: JsonPropertyName("data_stream_token")] string DataStreamToken,
    [property: JsonPropertyName("metric_name")] string MetricName,
    [property: JsonPropertyName("metric_agg_func")] string AggregationFunction,
    [property: JsonPropertyName("custom_dimensions")] Dictionary<string, string>? Dimensions,
    [property: JsonPropertyName("timestamp")] string Timestamp,
    [property: JsonPropertyName("metric_value")] double MetricValue);

public sealed record EmulatorStats(
    [property: JsonPropertyName("requests")] long Requests,
    [property: JsonPropertyName("ingest_requests")] long IngestRequests,
    [property: JsonPropertyName("ingested_points")] long IngestedPoints,
    [property: JsonPropertyName("max_concurrent_requests")] long MaxConcurrentRequests,
    [property: JsonPropertyName("faults_injected")] long FaultsInjected);
