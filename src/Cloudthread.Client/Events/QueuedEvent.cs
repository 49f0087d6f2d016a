using Cloudthread.Client.Models;

namespace Cloudthread.Client.Events
{
    /// <summary>One valid event waiting in (or sent with) a batch, with what the caller gave for it.</summary>
    public sealed class QueuedEvent
    {
        public QueuedEvent(int index, CloudthreadEvent item, object? input)
        {
            Index = index;
            Event = item;
            Input = input;
        }

        /// <summary>Position in the caller's input (0-based, counting invalid events too).</summary>
        public int Index { get; }
        public CloudthreadEvent Event { get; }
        /// <summary>The caller's item this event came from, for error reports (may be the event itself).</summary>
        public object? Input { get; }
    }
}
