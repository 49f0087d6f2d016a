using System.Collections.Concurrent;
using Cloudthread.Client.Http;

namespace Cloudthread.Client.Tests.TestInfrastructure;

/// <summary>A retry clock that records each wait and moves virtual time forward instead of sleeping.</summary>
internal sealed class RecordingClock : RetryClock
{
    private readonly System.Diagnostics.Stopwatch _real = System.Diagnostics.Stopwatch.StartNew();
    private readonly DateTimeOffset _startUtc = DateTimeOffset.UtcNow;
    private readonly ConcurrentQueue<TimeSpan> _waits = new();
    private long _virtualTicks;

    public IReadOnlyList<TimeSpan> Waits => _waits.ToArray();

    public override TimeSpan Elapsed => _real.Elapsed + TimeSpan.FromTicks(Interlocked.Read(ref _virtualTicks));

    public override DateTimeOffset UtcNow => _startUtc + Elapsed;

    public override Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _waits.Enqueue(delay);
        Interlocked.Add(ref _virtualTicks, delay.Ticks);
        return Task.CompletedTask;
    }
}
