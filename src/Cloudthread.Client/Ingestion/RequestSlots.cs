using System;
using System.Threading;

namespace Cloudthread.Client.Ingestion
{
    /// <summary>
    /// The requests an ingestion may have in flight, as slots that its producer takes (waiting while none is free) and
    /// its sends give back.
    /// </summary>
    /// <remarks>
    /// Not a SemaphoreSlim: its Wait spins before it blocks, even with a zero timeout, and the producer waits after
    /// nearly every request it fills; on a small machine that spinning takes a core from the requests in flight (and
    /// from a local server). Here the producer blocks at once. A send's last step may give its slot back after the
    /// ingestion is disposed: setting a disposed ManualResetEventSlim is harmless (only waiting and resetting throw).
    /// </remarks>
    internal sealed class RequestSlots : IDisposable
    {
        private readonly ManualResetEventSlim _given = new ManualResetEventSlim(false, 0);
        private int _free;

        public RequestSlots(int count) => _free = count;

        /// <summary>Takes a slot, blocking until one is given back; throws when <paramref name="cancellationToken"/> fires first.</summary>
        public void Take(CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            while (!TryTake())
            {
                _given.Reset();

                // A slot given back between the failed try and the reset set the event before the reset: try again.
                if (TryTake())
                {
                    return;
                }

                _given.Wait(cancellationToken);
            }
        }

        public void Give(int count = 1)
        {
            Interlocked.Add(ref _free, count);
            _given.Set();
        }

        public void Dispose() => _given.Dispose();

        private bool TryTake()
        {
            var free = Volatile.Read(ref _free);
            while (free > 0)
            {
                var seen = Interlocked.CompareExchange(ref _free, free - 1, free);
                if (seen == free)
                {
                    return true;
                }

                free = seen;
            }

            return false;
        }
    }
}
