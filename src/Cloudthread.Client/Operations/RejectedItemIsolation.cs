using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Cloudthread.Client.Operations
{
    /// <summary>One part of a request's items: applied (no error), or refused with the server's reason.</summary>
    internal readonly struct ItemGroupOutcome<T>
    {
        public ItemGroupOutcome(IReadOnlyList<T> items, CloudthreadException? error)
        {
            Items = items;
            Error = error;
        }

        public IReadOnlyList<T> Items { get; }
        public CloudthreadException? Error { get; }
    }

    /// <summary>
    /// Sends items in one request. When the server refuses it because of some of its items (a 400 or 404 that blames
    /// items, not the request), it has stored none of them, so each half is sent again, down to single items: the good
    /// items are applied and every bad one keeps its own error. Costs about log2(n) requests per bad item, and only
    /// when there is one. Only for requests the server rejects whole (CONTRACT.md: events, team members).
    /// </summary>
    internal static class RejectedItemIsolation
    {
        public static async Task<IReadOnlyList<ItemGroupOutcome<T>>> SendAsync<T>(
            IReadOnlyList<T> items,
            Func<IReadOnlyList<T>, CancellationToken, Task> send,
            Func<CloudthreadException, bool> blamesItems,
            CancellationToken cancellationToken)
        {
            var outcomes = new List<ItemGroupOutcome<T>>();
            await SendGroupAsync(items, send, blamesItems, outcomes, cancellationToken).ConfigureAwait(false);
            return outcomes;
        }

        /// <summary>The server's 400 (a field of an item) or 404 (something an item names); the client's own checks never.</summary>
        public static bool IsItemLevel(CloudthreadException error) =>
            error is CloudthreadApiException && (error.Kind == CloudthreadErrorKind.Validation || error.Kind == CloudthreadErrorKind.NotFound);

        private static async Task SendGroupAsync<T>(
            IReadOnlyList<T> group,
            Func<IReadOnlyList<T>, CancellationToken, Task> send,
            Func<CloudthreadException, bool> blamesItems,
            List<ItemGroupOutcome<T>> outcomes,
            CancellationToken cancellationToken)
        {
            try
            {
                await send(group, cancellationToken).ConfigureAwait(false);
                outcomes.Add(new ItemGroupOutcome<T>(group, null));
                return;
            }
            catch (CloudthreadException error) when (group.Count < 2 || !blamesItems(error))
            {
                outcomes.Add(new ItemGroupOutcome<T>(group, error));
                return;
            }
            catch (CloudthreadException)
            {
                // Some of the items are to blame: split below.
            }

            var half = group.Count / 2;
            await SendGroupAsync(Slice(group, 0, half), send, blamesItems, outcomes, cancellationToken).ConfigureAwait(false);
            await SendGroupAsync(Slice(group, half, group.Count - half), send, blamesItems, outcomes, cancellationToken).ConfigureAwait(false);
        }

        private static T[] Slice<T>(IReadOnlyList<T> items, int start, int count)
        {
            var slice = new T[count];
            for (var i = 0; i < count; i++)
            {
                slice[i] = items[start + i];
            }

            return slice;
        }
    }
}
