using System.Collections.Generic;

namespace Cloudthread.Client.Models
{
    /// <summary>
    /// Items the server or transport refused together (one, when the server blamed that item), and why: not applied
    /// when the answer proves it, else maybe (<see cref="MayHaveBeenApplied"/>).
    /// </summary>
    public sealed class Refusal<T>
    {
        public Refusal(IReadOnlyList<T> items, CloudthreadException error)
        {
            Items = items;
            Error = error;
        }

        public IReadOnlyList<T> Items { get; }
        public CloudthreadException Error { get; }

        /// <summary>
        /// True when the items may have been applied (a dropped connection, a timeout, a 5xx other than 503): resending
        /// what is not idempotent (an event) may duplicate it. False when the answer proves they were not.
        /// </summary>
        public bool MayHaveBeenApplied => (Error as CloudthreadApiException)?.MayHaveBeenProcessed == true;
    }
}
