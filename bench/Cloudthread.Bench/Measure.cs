using System.Diagnostics;

namespace Cloudthread.Bench;

internal static class Measure
{
    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>Runs <paramref name="run"/> <paramref name="runs"/> times (after <paramref name="before"/> each time) and returns the median of what it reports.</summary>
    public static async Task<double> MedianOfAsync(int runs, Func<Task<double>> run, Func<Task>? before = null)
    {
        var results = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            if (before != null)
            {
                await before();
            }

            results.Add(await run());
        }

        return Median(results);
    }

    public static double PerSecond(long count, TimeSpan elapsed) => count / elapsed.TotalSeconds;

    public static void CollectFully()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    }
}

/// <summary>
/// Samples the live managed heap (a full collection, then the heap size) on a background thread and keeps the
/// highest value above the baseline taken before the run. Garbage is not counted: it is what the run holds.
/// </summary>
internal sealed class PeakMemorySampler : IDisposable
{
    private readonly long _baseline;
    private readonly Thread _thread;
    private volatile bool _stop;
    private long _peak;

    public PeakMemorySampler()
    {
        Measure.CollectFully();
        _baseline = GC.GetTotalMemory(true);
        _thread = new Thread(Sample) { IsBackground = true };
        _thread.Start();
    }

    /// <summary>Highest live heap seen, minus the heap before the run.</summary>
    public long PeakAboveBaseline => Math.Max(0, Interlocked.Read(ref _peak) - _baseline);

    public void Dispose()
    {
        _stop = true;
        _thread.Join();
    }

    private void Sample()
    {
        while (!_stop)
        {
            var now = GC.GetTotalMemory(forceFullCollection: true);
            if (now > Interlocked.Read(ref _peak))
            {
                Interlocked.Exchange(ref _peak, now);
            }

            Thread.Sleep(20);
        }
    }
}

internal static class StopwatchExtensions
{
    public static TimeSpan Time(Action action)
    {
        var stopwatch = Stopwatch.StartNew();
        action();
        return stopwatch.Elapsed;
    }
}
