using Cloudthread.Client.Ingestion;
using Cloudthread.Client.Models;
using Cloudthread.Emulator;

namespace Cloudthread.Client.Tests.Ingestion;

/// <summary>The engine over the real transport against the emulator: what arrives is checked in the emulator's store.</summary>
public sealed class CustomDataEmulatorTests : IClassFixture<EmulatorIngestionFixture>, IAsyncLifetime
{
    private static readonly DateTime Start = new(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly EmulatorIngestionFixture _emulator;

    public CustomDataEmulatorTests(EmulatorIngestionFixture emulator) => _emulator = emulator;

    public Task InitializeAsync() => _emulator.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static CustomDataPoint Point(string prefix, int i) =>
        new(Start.AddHours(i), prefix + "-m" + (i % 3), i) { Dimensions = { ["shard"] = "s" + (i % 2) } };

    [Fact]
    public async Task A_batch_the_server_rejects_is_reported_with_its_points_and_exactly_the_others_are_stored_once()
    {
        using var client = _emulator.CreateClient();
        using var ingestion = client.StartCustomDataIngestion(new CustomDataIngestOptions
        {
            DataStreamToken = EmulatorOptions.DemoDataStreamToken,
            MaxPointsPerRequest = 25,
        });

        // Points 100..124 go to a token the emulator does not know: that one request answers 404.
        for (var i = 0; i < 250; i++)
        {
            var point = Point("partial", i);
            if (i >= 100 && i < 125)
            {
                point.DataStreamToken = "not-a-known-token";
            }

            Assert.True(ingestion.Add(point));
        }

        var summary = ingestion.Complete();

        Assert.True(ingestion.TryTakeRequestResult(out var failed));
        Assert.False(ingestion.TryTakeRequestResult(out _));
        Assert.Equal(CustomDataRequestStatus.Failed, failed.Status);
        Assert.Equal(404, failed.StatusCode);
        Assert.Equal(CloudthreadErrorKind.NotFound, failed.Error!.Kind);
        Assert.DoesNotContain("not-a-known-token", failed.Error.Message);
        Assert.Equal(Enumerable.Range(100, 25).Select(i => (double)i), failed.Points.Select(p => p.MetricValue));
        Assert.Equal(225, summary.Sent);
        Assert.Equal(25, summary.Failed);

        var stored = await _emulator.StoredAsync("partial");
        Assert.Equal(225, stored.Count);
        Assert.Equal(
            Enumerable.Range(0, 250).Where(i => i < 100 || i >= 125).Select(i => (double)i),
            stored.Select(r => r.MetricValue).Order());
        Assert.All(stored, r => Assert.Equal(EmulatorOptions.DemoDataStreamToken, r.DataStreamToken));
        var sample = stored.Single(r => r.MetricValue == 7);
        Assert.Equal("partial-m1", sample.MetricName);
        Assert.Equal("Sum", sample.AggregationFunction);
        Assert.Equal("2030-01-01T07:00:00Z", sample.Timestamp);
        Assert.Equal(new Dictionary<string, string> { ["shard"] = "s1" }, sample.Dimensions);
        Assert.Equal(10, (await _emulator.StatsAsync()).Requests);
    }

    [Fact]
    public async Task The_server_never_sees_more_requests_at_once_than_the_limit()
    {
        await _emulator.SetFaultsAsync(new { latency_ms = 150 });
        using var client = _emulator.CreateClient();
        using var ingestion = client.StartCustomDataIngestion(new CustomDataIngestOptions
        {
            DataStreamToken = EmulatorOptions.DemoDataStreamToken,
            MaxPointsPerRequest = 10,
            MaxConcurrentRequests = 3,
        });

        var producer = Task.Run(() =>
        {
            for (var i = 0; i < 300; i++)
            {
                ingestion.Add(Point("limit", i));
            }

            return ingestion.Complete();
        });
        var summary = await producer.WaitAsync(TimeSpan.FromSeconds(60));

        var stats = await _emulator.StatsAsync();
        Assert.Equal(300, summary.Sent);
        Assert.Equal(30, stats.IngestRequests);
        Assert.Equal(3, stats.MaxConcurrentRequests);
        Assert.Equal(300, (await _emulator.StoredAsync("limit")).Count);
    }

    [Fact]
    public async Task Throttling_and_server_errors_are_retried_and_every_point_arrives_once()
    {
        await _emulator.SetFaultsAsync(new { throttle_rate = 0.3, retry_after_seconds = 0, error_rate = 0.2, error_status = 503 });
        using var client = _emulator.CreateClient();
        client.Options.Retry.MaxAttempts = 30;
        using var ingestion = client.StartCustomDataIngestion(new CustomDataIngestOptions
        {
            DataStreamToken = EmulatorOptions.DemoDataStreamToken,
            MaxPointsPerRequest = 20,
        });
        for (var i = 0; i < 400; i++)
        {
            ingestion.Add(Point("retry", i));
        }

        var summary = ingestion.Complete();

        Assert.Equal(400, summary.Sent);
        Assert.True((await _emulator.StatsAsync()).FaultsInjected > 0);
        var stored = await _emulator.StoredAsync("retry");
        Assert.Equal(Enumerable.Range(0, 400).Select(i => (double)i), stored.Select(r => r.MetricValue).Order());
    }

    [Fact]
    public async Task Cancelling_mid_stream_stores_only_points_that_were_handed_to_the_server()
    {
        await _emulator.SetFaultsAsync(new { latency_ms = 300 });
        using var client = _emulator.CreateClient();
        using var ingestion = client.StartCustomDataIngestion(new CustomDataIngestOptions
        {
            DataStreamToken = EmulatorOptions.DemoDataStreamToken,
            MaxPointsPerRequest = 10,
            MaxConcurrentRequests = 2,
        });
        using var cts = new CancellationTokenSource();
        var producer = Task.Run(() =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                ingestion.Add(Point("cancel", i), cts.Token);
            }
        });

        // Cancel once some requests have been confirmed, with more formed and in flight behind them.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (ingestion.GetProgress().Sent < 20 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => producer);
        var summary = ingestion.Cancel();

        Assert.True(summary.Cancelled);
        Assert.True(summary.Sent > 0);
        Assert.True(summary.Accepted < 10_000);
        Assert.Equal(summary.Accepted, summary.Sent + summary.NotSent + summary.Failed);

        var notConfirmed = new List<CustomDataPoint>();
        while (ingestion.TryTakeRequestResult(out var result))
        {
            Assert.Equal(CustomDataRequestStatus.Cancelled, result.Status);
            notConfirmed.AddRange(result.Points);
        }

        Assert.Equal(summary.NotSent, notConfirmed.Count);
        await Task.Delay(500); // let requests the server was still processing land
        var stored = (await _emulator.StoredAsync("cancel")).Select(r => (int)r.MetricValue).ToList();
        Assert.Equal(stored.Count, stored.Distinct().Count());
        Assert.InRange(stored.Count, summary.Sent, summary.Sent + summary.NotSent);
        Assert.All(stored, v => Assert.InRange(v, 0, (int)summary.Accepted - 1));
    }

    [Fact]
    public async Task Gzip_bodies_are_accepted_and_stored_like_plain_ones()
    {
        using var client = _emulator.CreateClient();
        using var ingestion = client.StartCustomDataIngestion(new CustomDataIngestOptions
        {
            DataStreamToken = EmulatorOptions.DemoDataStreamToken,
            AggregationFunction = AggregationFunction.Maximum,
            Compress = true,
        });
        for (var i = 0; i < 1500; i++)
        {
            ingestion.Add(Point("gzip", i));
        }

        Assert.Equal(1500, ingestion.Complete().Sent);
        var stored = await _emulator.StoredAsync("gzip");
        Assert.Equal(1500, stored.Count);
        Assert.All(stored, r => Assert.Equal("Maximum", r.AggregationFunction));
    }

    [Fact]
    public async Task A_csv_file_is_streamed_to_the_server()
    {
        var path = Path.Combine(Path.GetTempPath(), "ct-ingest-" + Guid.NewGuid().ToString("N") + ".csv");
        try
        {
            await File.WriteAllLinesAsync(path, new[] { "Timestamp,MetricName,MetricValue,Region,metric_agg_func" }
                .Concat(Enumerable.Range(0, 3000).Select(i => $"{Start.AddHours(i):yyyy-MM-dd HH:mm:ss},csv-m,{i},r{i % 4},{(i % 2 == 0 ? "Sum" : "Average")}")));
            using var client = _emulator.CreateClient();
            using var ingestion = client.StartCustomDataIngestion(new CustomDataIngestOptions { DataStreamToken = EmulatorOptions.DemoDataStreamToken });

            ingestion.AddCsv(path);
            var summary = ingestion.Complete();

            Assert.Equal(3000, summary.Sent);
            var stored = await _emulator.StoredAsync("csv-m");
            Assert.Equal(1500, stored.Count(r => r.AggregationFunction == "Average"));
            Assert.Equal("r3", stored.Single(r => r.MetricValue == 7).Dimensions!["Region"]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task IngestAsync_sends_one_request_and_refuses_invalid_points_before_sending()
    {
        using var client = _emulator.CreateClient();
        await client.IngestAsync(EmulatorOptions.DemoDataStreamToken, AggregationFunction.Average, new[] { Point("single", 0), Point("single", 1) });

        var error = await Assert.ThrowsAsync<CloudthreadValidationException>(() =>
            client.IngestAsync(EmulatorOptions.DemoDataStreamToken, AggregationFunction.Sum, new[] { Point("single", 2), new CustomDataPoint(Start.AddMinutes(5), "x", 1) }));

        Assert.Equal("data[1].Timestamp", Assert.Single(error.Issues).Path);
        Assert.Equal(2, (await _emulator.StoredAsync("single")).Count);
        Assert.Equal(1, (await _emulator.StatsAsync()).IngestRequests);
    }
}
