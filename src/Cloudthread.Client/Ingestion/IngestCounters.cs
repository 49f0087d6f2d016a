using System;
using System.Diagnostics;
using System.Threading;
using Cloudthread.Client.Models;

namespace Cloudthread.Client.Ingestion
{
    /// <summary>
    /// The running counts of one ingestion. Requests complete on the thread pool while the producer adds points,
    /// and progress is read from any thread: every count is updated and read atomically.
    /// </summary>
    internal sealed class IngestCounters
    {
        private readonly Stopwatch _stopwatch = Stopwatch.StartNew();
        private long _accepted;
        private long _rejected;
        private long _sent;
        private long _failed;
        private long _notSent;
        private long _mayHaveBeenStored;
        private long _requestsCompleted;
        private long _failedRequests;
        private int _inFlight;
        private double _fractionRead = double.NaN;

        public long Accepted => Interlocked.Read(ref _accepted);
        public long Rejected => Interlocked.Read(ref _rejected);
        public long Sent => Interlocked.Read(ref _sent);
        public long Failed => Interlocked.Read(ref _failed);
        public long NotSent => Interlocked.Read(ref _notSent);
        public long MayHaveBeenStored => Interlocked.Read(ref _mayHaveBeenStored);
        public long RequestsCompleted => Interlocked.Read(ref _requestsCompleted);
        public long FailedRequests => Interlocked.Read(ref _failedRequests);
        public int RequestsInFlight => Volatile.Read(ref _inFlight);
        public TimeSpan Elapsed => _stopwatch.Elapsed;

        /// <summary>Requests formed (sealed) so far. Only the producer forms requests, so no other thread writes it.</summary>
        public long RequestsFormed { get; private set; }

        /// <summary>For a CSV file, how much of it has been read (0 to 1); null when the input size is unknown.</summary>
        public double? FractionRead
        {
            get
            {
                var fraction = Volatile.Read(ref _fractionRead);
                return double.IsNaN(fraction) ? null : fraction;
            }

            set => Volatile.Write(ref _fractionRead, value ?? double.NaN);
        }

        /// <summary>Counts a request as formed and returns its 1-based number.</summary>
        public long FormRequest() => ++RequestsFormed;

        public void PointAccepted() => Interlocked.Increment(ref _accepted);

        public void ItemRejected() => Interlocked.Increment(ref _rejected);

        public void RequestStarted() => Interlocked.Increment(ref _inFlight);

        /// <summary>A request in flight ended, however it ended.</summary>
        public void RequestEnded()
        {
            Interlocked.Increment(ref _requestsCompleted);
            Interlocked.Decrement(ref _inFlight);
        }

        /// <summary>A request of a dry run: complete as soon as it is formed, never in flight.</summary>
        public void RequestPlanned(int points)
        {
            Interlocked.Add(ref _notSent, points);
            Interlocked.Increment(ref _requestsCompleted);
        }

        public void PointsSent(int points) => Interlocked.Add(ref _sent, points);

        public void RequestFailed(int points, bool mayHaveBeenStored)
        {
            Interlocked.Add(ref _failed, points);
            Interlocked.Increment(ref _failedRequests);
            if (mayHaveBeenStored)
            {
                Interlocked.Add(ref _mayHaveBeenStored, points);
            }
        }

        /// <summary>Points stopped before the server confirmed them: never sent, or cancelled in flight (which the server may have stored).</summary>
        public void PointsNotSent(int points, bool mayHaveBeenStored)
        {
            Interlocked.Add(ref _notSent, points);
            if (mayHaveBeenStored)
            {
                Interlocked.Add(ref _mayHaveBeenStored, points);
            }
        }

        public IngestProgress Progress() => new IngestProgress(this);

        /// <summary>The final counts; the clock stops.</summary>
        public IngestSummary Summary(bool cancelled, bool dryRun)
        {
            _stopwatch.Stop();
            return new IngestSummary(this, cancelled, dryRun);
        }
    }
}
