using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace Cloudthread.Client.Http
{
    /// <summary>Time as the retry loop sees it. Tests substitute a clock that records waits instead of sleeping.</summary>
    internal abstract class RetryClock
    {
        public static readonly RetryClock Real = new SystemRetryClock();

        /// <summary>Monotonic time, for the total budget.</summary>
        public abstract TimeSpan Elapsed { get; }

        /// <summary>Wall-clock time, for Retry-After HTTP dates.</summary>
        public abstract DateTimeOffset UtcNow { get; }

        public abstract Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken);

        private sealed class SystemRetryClock : RetryClock
        {
            private readonly Stopwatch _stopwatch = Stopwatch.StartNew();

            public override TimeSpan Elapsed => _stopwatch.Elapsed;

            public override DateTimeOffset UtcNow => DateTimeOffset.UtcNow;

            public override Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken) =>
                delay <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(Clamp(delay), cancellationToken);
        }

        /// <summary>Task.Delay and CancelAfter take at most int.MaxValue milliseconds (about 24.8 days).</summary>
        public static TimeSpan Clamp(TimeSpan delay)
        {
            var max = TimeSpan.FromMilliseconds(int.MaxValue);
            return delay > max ? max : delay;
        }
    }
}
