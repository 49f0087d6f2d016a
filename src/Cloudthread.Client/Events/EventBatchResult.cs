using System.Collections.Generic;
using Cloudthread.Client.Models;

namespace Cloudthread.Client.Events
{
    /// <summary>
    /// The outcome of one batch of events: those stored, and those refused, each refused group with the server's
    /// reason. A refusal that blames events (an unknown team, an invalid field) is narrowed down to the events to
    /// blame, one per refusal; any other (401, 429 after retries, 5xx...) refuses the whole batch.
    /// </summary>
    public sealed class EventBatchResult
    {
        public EventBatchResult(IReadOnlyList<QueuedEvent> events, IReadOnlyList<QueuedEvent> stored, IReadOnlyList<Refusal<QueuedEvent>> refusals)
        {
            Events = events;
            Stored = stored;
            Refusals = refusals;
        }

        /// <summary>Every event of the batch, in input order.</summary>
        public IReadOnlyList<QueuedEvent> Events { get; }
        public IReadOnlyList<QueuedEvent> Stored { get; }
        public IReadOnlyList<Refusal<QueuedEvent>> Refusals { get; }
        public bool Succeeded => Refusals.Count == 0;
    }
}
