using BenchmarkDotNet.Attributes;
using Cloudthread.Client;
using Cloudthread.Client.Ingestion;
using Cloudthread.Client.Models;

namespace Cloudthread.Bench;

/// <summary>BenchmarkDotNet view of serialization alone (run with --bdn): time and allocations per point.</summary>
[MemoryDiagnoser]
public class SerializationBenchmarks
{
    private CustomDataPoint[] _points = Array.Empty<CustomDataPoint>();
    private CustomDataIngestion? _ingestion;

    [GlobalSetup]
    public void Setup()
    {
        _points = Enumerable.Range(0, 1000).Select(PointSource.Point).ToArray();
        _ingestion = new CustomDataIngestion(ClientScenarios.DiscardingSender.Instance, new CustomDataIngestOptions { DataStreamToken = "bench-token" }, TimestampFormat.Rfc3339);
    }

    [GlobalCleanup]
    public void Cleanup() => _ingestion?.Dispose();

    /// <summary>Validate, serialize and append one point to its request body (1000 per request).</summary>
    [Benchmark(OperationsPerInvoke = 1000)]
    public void AddPoint()
    {
        foreach (var point in _points)
        {
            _ingestion!.Add(point);
        }
    }
}
