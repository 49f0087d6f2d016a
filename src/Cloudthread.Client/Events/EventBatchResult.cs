using System.Collections.Generic;

namespace Cloudthread.Client.Events
{
    /// <summary>
    /// The outcome of one batch of events: those stored, and those refused, each refused group with the server's
    /// reason. A refusal that blames events (an unknown team, an invalid field) is narrowed down to the events to
    /// blame, one per refusal; any other (401, 429 after retries, 5xx...) refuses the whole batch.
    /// </summary>
    public sealed class EventBatchResult
    {
        public EventBatchResult(IReadOnlyList<QueuedEvent> events, IReadOnlyList<QueuedEvent> stored, IReadOnlyList<EventRefusal> refusals)
        {
            Events = events;
            Stored = stored;
            Refusals = refusals;
        }

        /// <summary>Every event of the batch, in input order.</summary>
        public IReadOnlyList<QueuedEvent> Events { get; }
        public IReadOnlyList<QueuedEvent> Stored { get; }
        public IReadOnlyList<EventRefusal> Refusals { get; }
        public bool Succeeded => Refusals.Count == 0;
    }

    /// <summary>
    /// Events the server or transport refused together, and why: not stored when the answer proves it, else maybe
    /// (<see cref="MayHaveBeenStored"/>).
    /// </summary>
    public sealed class EventRefusal
    {
        public EventRefusal(IReadOnlyList<QueuedEvent> events, CloudthreadException error)
        {
            Events = events;
            Error = error;
        }

        public IReadOnlyList<QueuedEvent> Events { get; }
        public CloudthreadException Error { get; }

        /// <summary>
        /// True when the events may have been stored (a dropped connection, a timeout, a 5xx other than 503): a resend
        /// of a stored event duplicates it. False when the answer proves they were not.
        /// </summary>
        public bool MayHaveBeenStored => (Error as CloudthreadApiException)?.MayHaveBeenProcessed == true;
    }
}
