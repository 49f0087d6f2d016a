using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text.Json;
using Cloudthread.Client;
using Cloudthread.Client.Ingestion;

namespace Cloudthread.Client.Tests.Ingestion;

/// <summary>Records every body it is given; can hold requests (a gate), fail chosen ones, and tracks concurrency.</summary>
internal sealed class FakeBatchSender : ICustomDataBatchSender
{
    private readonly ConcurrentQueue<SentBody> _bodies = new();
    private int _inFlight;
    private int _maxInFlight;
    private int _calls;

    /// <summary>When set, every request waits for it.</summary>
    public TaskCompletionSource? Gate { get; set; }

    /// <summary>Call number (1-based, in call order) → fail with this exception.</summary>
    public Func<int, SentBody, Exception?>? Fail { get; set; }

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public int InFlight => Volatile.Read(ref _inFlight);

    public int Calls => Volatile.Read(ref _calls);

    /// <summary>Bodies the sender was handed, in call order (failed ones included, flagged).</summary>
    public IReadOnlyList<SentBody> Bodies => _bodies.ToArray();

    public async ValueTask<BatchSendOutcome> SendAsync(ReadOnlyMemory<byte> body, bool gzip, string dataStreamToken, CancellationToken cancellationToken)
    {
        var call = Interlocked.Increment(ref _calls);
        var now = Interlocked.Increment(ref _inFlight);
        int seen;
        while (now > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen)
        {
        }

        try
        {
            var bytes = body.ToArray();
            if (gzip)
            {
                using var input = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
                using var output = new MemoryStream();
                input.CopyTo(output);
                bytes = output.ToArray();
            }

            var sent = new SentBody(call, bytes, gzip) { LogScope = CloudthreadLogScope.Current };
            if (Gate is { } gate)
            {
                await gate.Task.WaitAsync(cancellationToken);
            }

            var failure = Fail?.Invoke(call, sent);
            sent.Failed = failure != null;
            _bodies.Enqueue(sent);
            if (failure != null)
            {
                throw failure;
            }

            return BatchSendOutcome.Created;
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public static CloudthreadApiException BadRequest() =>
        new(CloudthreadErrorKind.Validation, "400 ValidationFailed: data[0].metric_value", "POST", "/streams/ingest", 400, "ValidationFailed");
}

internal sealed class SentBody
{
    /// <summary>The log scope the request ran in.</summary>
    public ICloudthreadLogger? LogScope { get; init; }

    public SentBody(int call, byte[] json, bool gzip)
    {
        Call = call;
        Json = json;
        Gzip = gzip;
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Token = root.GetProperty("data_stream_token").GetString()!;
        Aggregation = root.GetProperty("metric_agg_func").GetString()!;
        Points = root.GetProperty("data").EnumerateArray().Select(p => new SentPoint(
            p.GetProperty("timestamp").GetString()!,
            p.GetProperty("metric_name").GetString()!,
            p.GetProperty("metric_value").GetDouble(),
            p.TryGetProperty("custom_dimensions", out var d) ? d.EnumerateObject().ToDictionary(e => e.Name, e => e.Value.GetString()!) : new Dictionary<string, string>())).ToList();
    }

    public int Call { get; }
    public byte[] Json { get; }
    public bool Gzip { get; }
    public string Token { get; }
    public string Aggregation { get; }
    public IReadOnlyList<SentPoint> Points { get; }
    public bool Failed { get; set; }
}

internal sealed record SentPoint(string Timestamp, string MetricName, double MetricValue, Dictionary<string, string> Dimensions);
