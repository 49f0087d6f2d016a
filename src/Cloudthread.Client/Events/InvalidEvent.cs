using System.Collections.Generic;
using Cloudthread.Client.Models;

namespace Cloudthread.Client.Events
{
    /// <summary>An event the client refused before sending: every issue names its field and the event's input index.</summary>
    public sealed class InvalidEvent
    {
        public InvalidEvent(int index, CloudthreadEvent? item, object? input, CloudthreadValidationException error)
        {
            Index = index;
            Event = item;
            Input = input;
            Error = error;
        }

        /// <summary>Position in the caller's input (0-based).</summary>
        public int Index { get; }
        public CloudthreadEvent? Event { get; }
        public object? Input { get; }
        /// <summary>All issues of this event; paths read <c>data[Index].field</c>.</summary>
        public CloudthreadValidationException Error { get; }
        public IReadOnlyList<ValidationIssue> Issues => Error.Issues;
    }
}
