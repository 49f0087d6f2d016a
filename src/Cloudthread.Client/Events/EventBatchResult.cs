using System.Collections.Generic;

namespace Cloudthread.Client.Events
{
    /// <summary>The outcome of one POST /events: all its events were stored, or (Error set) none were.</summary>
    public sealed class EventBatchResult
    {
        public EventBatchResult(IReadOnlyList<QueuedEvent> events, CloudthreadException? error)
        {
            Events = events;
            Error = error;
        }

        public IReadOnlyList<QueuedEvent> Events { get; }
        /// <summary>Why the server or transport refused the request; null when it succeeded.</summary>
        public CloudthreadException? Error { get; }
        public bool Succeeded => Error is null;
    }
}
