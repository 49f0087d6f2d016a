using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Cloudthread.Client;
using Cloudthread.Client.Ingestion;
using Cloudthread.Client.Models;

namespace Cloudthread.Bench;

/// <summary>The measurements made in-process: the engine, the bare-HttpClient ceiling, the naive ways, memory, serialization.</summary>
internal sealed class ClientScenarios : IDisposable
{
    private readonly Uri _emulator;
    private readonly string _apiKey;
    private readonly string _token;

    public ClientScenarios(Uri emulator, string apiKey, string token)
    {
        _emulator = emulator;
        _apiKey = apiKey;
        _token = token;
    }

    private readonly Dictionary<Uri, CloudthreadClient> _clients = new();
    private HttpClient? _bare;

    /// <summary>One client per server for the whole benchmark, as one connection serves a whole session.</summary>
    public CloudthreadClient Client(Uri baseUri)
    {
        if (!_clients.TryGetValue(baseUri, out var client))
        {
            client = new CloudthreadClient(new CloudthreadClientOptions { BaseUri = baseUri, ApiKey = _apiKey });
            _clients.Add(baseUri, client);
        }

        return client;
    }

    /// <summary>One bare HttpClient for the ceiling runs, for the same reason.</summary>
    private HttpClient Bare()
    {
        if (_bare is null)
        {
            _bare = new HttpClient { BaseAddress = _emulator, Timeout = TimeSpan.FromMinutes(10) };
            _bare.DefaultRequestHeaders.Add("x-api-key", _apiKey);
        }

        return _bare;
    }

    /// <summary>The engine, defaults (1000 points, 1 MiB, 4 in flight), <paramref name="count"/> points cycled from <paramref name="input"/>: points/s.</summary>
    public async Task<double> EngineAsync(Uri baseUri, CustomDataPoint[] input, int count)
    {
        var client = Client(baseUri);
        var stopwatch = Stopwatch.StartNew();
        // The producer gets its own thread, as the cmdlet's pipeline thread is: Add blocks it under backpressure.
        var summary = await Task.Factory.StartNew(() =>
        {
            using var ingestion = client.StartCustomDataIngestion(new CustomDataIngestOptions { DataStreamToken = _token, ReportRejections = false });
            for (var i = 0; i < count; i++)
            {
                ingestion.Add(input[i % input.Length]);
            }

            return ingestion.Complete();
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        stopwatch.Stop();
        Check(summary, count);
        return Measure.PerSecond(count, stopwatch.Elapsed);
    }

    /// <summary>
    /// Peak live managed heap above the baseline while the engine sends <paramref name="count"/> points, cycled from
    /// <paramref name="input"/> (made before the baseline), to a discarding server, <paramref name="repeats"/> times in a row.
    /// </summary>
    /// <remarks>
    /// The points are not made during the run: a sample reads the heap just after a full collection, and whatever the
    /// producer allocates in between (a point and its dictionary, several times a microsecond) would be read as live.
    /// </remarks>
    public long EnginePeakMemory(Uri sink, CustomDataPoint[] input, int count, int repeats)
    {
        var client = Client(sink);
        using var sampler = new PeakMemorySampler();
        for (var run = 0; run < repeats; run++)
        {
            using var ingestion = client.StartCustomDataIngestion(new CustomDataIngestOptions { DataStreamToken = _token, ReportRejections = false });
            for (var i = 0; i < count; i++)
            {
                ingestion.Add(input[i % input.Length]);
            }

            Check(ingestion.Complete(), count);
        }

        return sampler.PeakAboveBaseline;
    }

    /// <summary>The exact bodies the engine sends for <paramref name="count"/> points, captured without sending.</summary>
    public List<byte[]> CaptureBodies(CustomDataPoint[] input, int count)
    {
        var sender = new CapturingSender();
        using var ingestion = new CustomDataIngestion(sender, new CustomDataIngestOptions { DataStreamToken = _token }, TimestampFormat.Rfc3339);
        for (var i = 0; i < count; i++)
        {
            ingestion.Add(input[i % input.Length]);
        }

        ingestion.Complete();
        return sender.Bodies.OrderBy(b => b.Sequence).Select(b => b.Body).ToList();
    }

    /// <summary>The transport ceiling: pre-serialized bodies POSTed by a bare HttpClient, <paramref name="concurrency"/> at a time: points/s.</summary>
    public async Task<double> BareHttpClientAsync(IReadOnlyList<byte[]> bodies, int points, int concurrency)
    {
        var http = Bare();
        var next = -1;
        var stopwatch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < bodies.Count)
            {
                using var content = new ByteArrayContent(bodies[index]);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await http.PostAsync("/streams/ingest", content);
                response.EnsureSuccessStatusCode();
            }
        }));
        await Task.WhenAll(workers);
        return Measure.PerSecond(points, stopwatch.Elapsed);
    }

    /// <summary>The naive way: one request per point, one after the other, each serialized on its own: points/s.</summary>
    public async Task<double> OneRequestPerPointAsync(int count)
    {
        var http = Bare();
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var point = PointSource.Point(i);
            var json = JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["data_stream_token"] = _token,
                ["metric_agg_func"] = "Sum",
                ["data"] = new[]
                {
                    new Dictionary<string, object>
                    {
                        ["timestamp"] = point.Timestamp.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
                        ["metric_name"] = point.MetricName,
                        ["metric_value"] = point.MetricValue,
                        ["custom_dimensions"] = point.Dimensions,
                    },
                },
            });
            using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
            using var response = await http.PostAsync("/streams/ingest", content);
            response.EnsureSuccessStatusCode();
        }

        return Measure.PerSecond(count, stopwatch.Elapsed);
    }

    /// <summary>The other naive way: every point in one unbatched request (built whole in memory): points/s.</summary>
    public async Task<double> OneBigRequestAsync(int count)
    {
        var http = Bare();
        var stopwatch = Stopwatch.StartNew();
        var sender = new CapturingSender();
        using (var ingestion = new CustomDataIngestion(sender, new CustomDataIngestOptions { DataStreamToken = _token, MaxPointsPerRequest = count, MaxBytesPerRequest = int.MaxValue / 2 }, TimestampFormat.Rfc3339))
        {
            for (var i = 0; i < count; i++)
            {
                ingestion.Add(PointSource.Point(i));
            }

            ingestion.Complete();
        }

        using var content = new ByteArrayContent(sender.Bodies.Single().Body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync("/streams/ingest", content);
        response.EnsureSuccessStatusCode();
        return Measure.PerSecond(count, stopwatch.Elapsed);
    }

    /// <summary>Serialization alone (validate, write, append to request bodies) over points already in memory: points/s and bytes allocated per point.</summary>
    public static (double PointsPerSecond, double BytesPerPoint) Serialization(CustomDataPoint[] points)
    {
        using var ingestion = new CustomDataIngestion(DiscardingSender.Instance, new CustomDataIngestOptions { DataStreamToken = "bench-token", ReportRejections = false }, TimestampFormat.Rfc3339);
        // Warm up the pools and the JIT, then measure one pass on this thread.
        for (var i = 0; i < 20_000; i++)
        {
            ingestion.Add(points[i % points.Length]);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var stopwatch = Stopwatch.StartNew();
        foreach (var point in points)
        {
            ingestion.Add(point);
        }

        stopwatch.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        ingestion.Complete();
        return (Measure.PerSecond(points.Length, stopwatch.Elapsed), (double)allocated / points.Length);
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        _bare?.Dispose();
    }

    private static void Check(IngestSummary summary, int count)
    {
        if (summary.Sent != count)
        {
            throw new InvalidOperationException("The run did not send every point: " + summary);
        }
    }

    private sealed class CapturingSender : ICustomDataBatchSender
    {
        private long _sequence;

        public System.Collections.Concurrent.ConcurrentBag<(long Sequence, byte[] Body)> Bodies { get; } = new();

        public ValueTask<BatchSendOutcome> SendAsync(ReadOnlyMemory<byte> body, bool gzip, string dataStreamToken, CancellationToken cancellationToken)
        {
            Bodies.Add((Interlocked.Increment(ref _sequence), body.ToArray()));
            return new ValueTask<BatchSendOutcome>(BatchSendOutcome.Created);
        }
    }

    /// <summary>Answers at once without looking at the body: what is left is the engine's own cost.</summary>
    internal sealed class DiscardingSender : ICustomDataBatchSender
    {
        public static readonly DiscardingSender Instance = new();

        public ValueTask<BatchSendOutcome> SendAsync(ReadOnlyMemory<byte> body, bool gzip, string dataStreamToken, CancellationToken cancellationToken) =>
            new ValueTask<BatchSendOutcome>(BatchSendOutcome.Created);
    }
}
