using System.Collections.Generic;

namespace Cloudthread.Client.Models
{
    /// <summary>Items the server refused together (one, when it blamed that item), and why; none of them was applied.</summary>
    public sealed class Refusal<T>
    {
        public Refusal(IReadOnlyList<T> items, CloudthreadException error)
        {
            Items = items;
            Error = error;
        }

        public IReadOnlyList<T> Items { get; }
        public CloudthreadException Error { get; }
    }
}
