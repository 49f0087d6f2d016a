using System.Collections.Generic;

namespace Cloudthread.Client.Events
{
    /// <summary>
    /// The outcome of one POST /events: all its events were stored, or (Error set) they were not confirmed: not
    /// stored when the server's answer proves it, else maybe (<see cref="MayHaveBeenStored"/>).
    /// </summary>
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

        /// <summary>
        /// True when the events were stored or may have been (a dropped connection, a timeout, a 5xx other than 503):
        /// a resend of a stored event duplicates it. False only when they certainly were not.
        /// </summary>
        public bool MayHaveBeenStored => Error is null || (Error as CloudthreadApiException)?.MayHaveBeenProcessed == true;
    }
}
