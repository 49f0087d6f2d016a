using Cloudthread.Client.Models;
using Cloudthread.Emulator;

namespace Cloudthread.Client.Tests.Ingestion;

/// <summary>
/// One retry rule for every idempotent request (GET, DELETE, ingest): 500, 502, 503 and 504 are retried,
/// checked against the emulator's fault injection, which counts every attempt that arrived.
/// </summary>
public sealed class ServerErrorRetryTests : IClassFixture<EmulatorIngestionFixture>, IAsyncLifetime
{
    private readonly EmulatorIngestionFixture _emulator;

    public ServerErrorRetryTests(EmulatorIngestionFixture emulator) => _emulator = emulator;

    public Task InitializeAsync() => _emulator.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (var operation in new[] { "GET", "DELETE", "ingest" })
        {
            foreach (var status in new[] { 500, 502, 503, 504 })
            {
                data.Add(operation, status);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task An_idempotent_request_is_retried_on_every_5xx_the_docs_name(string operation, int status)
    {
        await _emulator.SetFaultsAsync(new { error_rate = 1.0, error_status = status });
        using var client = _emulator.CreateClient();
        client.Options.Retry.MaxAttempts = 3;

        var error = await Assert.ThrowsAsync<CloudthreadApiException>(() => Run(client, operation));

        Assert.Equal(3, error.Attempts);
        Assert.Equal(3, (await _emulator.StatsAsync()).Requests);
    }

    private static Task Run(CloudthreadClient client, string operation) => operation switch
    {
        "GET" => client.GetTeamsAsync(),
        "DELETE" => client.DeleteTeamAsync("platform"),
        _ => client.IngestAsync(
            EmulatorOptions.DemoDataStreamToken,
            AggregationFunction.Sum,
            new[] { new CustomDataPoint(new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc), "retry500", 1) }),
    };
}
