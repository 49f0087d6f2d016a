namespace Cloudthread.Emulator.Faults;

/// <summary>Counters over API requests (never admin or /openapi.yaml), read by <c>GET /_emulator/stats</c>.</summary>
internal sealed class RequestStats
{
    private long _requests;
    private long _ingestRequests;
    private long _ingestedPoints;
    private long _faultsInjected;
    private int _current;
    private int _maxConcurrent;

    public long Requests => Interlocked.Read(ref _requests);

    public long IngestRequests => Interlocked.Read(ref _ingestRequests);

    public long IngestedPoints => Interlocked.Read(ref _ingestedPoints);

    public long FaultsInjected => Interlocked.Read(ref _faultsInjected);

    public int MaxConcurrentRequests => Volatile.Read(ref _maxConcurrent);

    /// <summary>Counts a request in; dispose the result when it leaves.</summary>
    public Scope Enter()
    {
        Interlocked.Increment(ref _requests);
        var now = Interlocked.Increment(ref _current);
        int seen;
        while (now > (seen = Volatile.Read(ref _maxConcurrent)) &&
               Interlocked.CompareExchange(ref _maxConcurrent, now, seen) != seen)
        {
        }

        return new Scope(this);
    }

    public void CountIngest(int points)
    {
        Interlocked.Increment(ref _ingestRequests);
        Interlocked.Add(ref _ingestedPoints, points);
    }

    public void CountFault() => Interlocked.Increment(ref _faultsInjected);

    /// <summary>Zeroes the counters (the in-flight count stays: those requests are still running).</summary>
    public void Reset()
    {
        Interlocked.Exchange(ref _requests, 0);
        Interlocked.Exchange(ref _ingestRequests, 0);
        Interlocked.Exchange(ref _ingestedPoints, 0);
        Interlocked.Exchange(ref _faultsInjected, 0);
        Interlocked.Exchange(ref _maxConcurrent, 0);
    }

    internal readonly struct Scope(RequestStats stats) : IDisposable
    {
        public void Dispose() => Interlocked.Decrement(ref stats._current);
    }
}
