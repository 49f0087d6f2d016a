using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Cloudthread.Client.Events;
using Cloudthread.Client.Models;

namespace Cloudthread.Client.FailedItems
{
    /// <summary>
    /// Writes events that were not confirmed as a CSV that <c>Import-Csv file | Add-CtEvent</c> takes as it is:
    /// Type, Description, Url, TeamId, Timestamp (bound by name), then MayHaveBeenStored and FailureReason (not
    /// parameters, so ignored). Events have no natural key: one that may have been stored is duplicated by a resend,
    /// which the MayHaveBeenStored column lets a script filter out first.
    /// </summary>
    public static class FailedEventsFile
    {
        private static readonly string[] Columns = { "Type", "Description", "Url", "TeamId", "Timestamp", "MayHaveBeenStored", FailedPointsFile.ReasonColumn };

        /// <summary>
        /// Writes the file (replacing it; an empty one when every event was confirmed, so that an old one is not sent
        /// again); returns the sentence that says where the events are and how to send them again, or null when there
        /// are none. Throws what writing a file throws (IOException, UnauthorizedAccessException...).
        /// </summary>
        public static string? Save(string path, IReadOnlyCollection<FailedEvent> events)
        {
            Write(path, events);
            if (events.Count == 0)
            {
                return null;
            }

            return string.Format(
                CultureInfo.InvariantCulture,
                "{0} event(s) not confirmed are in '{1}' ({2} of them may have been stored: a resend duplicates those; filter on MayHaveBeenStored). Send the others again with: Import-Csv '{1}' | Where-Object MayHaveBeenStored -eq 'False' | Add-CtEvent",
                events.Count,
                path,
                events.Count(f => f.MayHaveBeenStored));
        }

        public static void Write(string path, IEnumerable<FailedEvent> events)
        {
            if (string.IsNullOrEmpty(path))
            {
                throw new ArgumentException("A path is required.", nameof(path));
            }

            using (var writer = CsvRows.Create(path))
            {
                CsvRows.Write(writer, Columns);
                foreach (var failed in events ?? throw new ArgumentNullException(nameof(events)))
                {
                    var item = failed.Event;
                    var utc = item.Timestamp.Kind == DateTimeKind.Local ? item.Timestamp.ToUniversalTime() : item.Timestamp;
                    CsvRows.Write(writer, new[]
                    {
                        item.Type, item.Description, item.Url, item.TeamId, CloudthreadTimestamp.Format(utc, TimestampFormat.Rfc3339),
                        failed.MayHaveBeenStored ? "True" : "False", failed.Reason,
                    });
                }
            }
        }
    }

    /// <summary>An event that was not confirmed, why, and whether the server may have stored it anyway.</summary>
    public sealed class FailedEvent
    {
        public FailedEvent(CloudthreadEvent item, bool mayHaveBeenStored, string reason)
        {
            Event = item;
            MayHaveBeenStored = mayHaveBeenStored;
            Reason = reason;
        }

        public CloudthreadEvent Event { get; }
        public bool MayHaveBeenStored { get; }
        public string Reason { get; }

        /// <summary>The events of a refusal: not stored, or (no answer proves either) maybe.</summary>
        public static IEnumerable<FailedEvent> Of(Refusal<QueuedEvent> refusal)
        {
            var maybe = (refusal ?? throw new ArgumentNullException(nameof(refusal))).MayHaveBeenApplied;
            var reason = refusal.Error.Message + (maybe ? " (may or may not have been stored)" : " (not stored)");
            return refusal.Items.Select(queued => new FailedEvent(queued.Event, maybe, reason));
        }

        /// <summary>What a stop leaves in <paramref name="batcher"/>: the request in flight may have been stored, the queued events were not.</summary>
        public static IEnumerable<FailedEvent> LeftBy(EventBatcher batcher) =>
            (batcher ?? throw new ArgumentNullException(nameof(batcher))).InFlight
                .Select(queued => new FailedEvent(queued.Event, true, "stopped while its request was in flight: it may or may not have been stored"))
                .Concat(batcher.Pending.Select(queued => new FailedEvent(queued.Event, false, "stopped before it was sent: not stored")))
                .ToList();
    }
}
