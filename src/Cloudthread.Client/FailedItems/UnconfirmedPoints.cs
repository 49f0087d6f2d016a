using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Cloudthread.Client.Ingestion;
using Cloudthread.Client.Models;

namespace Cloudthread.Client.FailedItems
{
    /// <summary>
    /// The points of one run that were not confirmed, each with why (a failed or cancelled request, the unread rest
    /// of a CSV file), kept for a <see cref="FailedPointsFile"/> at <see cref="Path"/>; and the sentences that tell
    /// the user where they went and how to send them again.
    /// </summary>
    public sealed class UnconfirmedPoints
    {
        /// <summary>What the stop report says of the input after the last item read, when nothing more is known.</summary>
        public const string NotRead = "input after that was not read";

        private readonly List<KeyValuePair<CustomDataPoint, string>> _points = new List<KeyValuePair<CustomDataPoint, string>>();

        public UnconfirmedPoints(string path)
        {
            Path = string.IsNullOrEmpty(path) ? throw new ArgumentException("A path is required.", nameof(path)) : path;
        }

        /// <summary>The file that <see cref="Save"/> writes (its further shapes go beside it).</summary>
        public string Path { get; }

        /// <summary>Points kept so far.</summary>
        public int Count => _points.Count;

        /// <summary>Keeps the points of a failed or cancelled request, with why; a confirmed (or planned) one keeps nothing.</summary>
        public void Keep(CustomDataRequestResult result)
        {
            if (FailedPointsFile.ReasonOf(result) is not { } reason)
            {
                return;
            }

            foreach (var point in result.Points)
            {
                _points.Add(new KeyValuePair<CustomDataPoint, string>(point, reason));
            }
        }

        /// <summary>
        /// A run stopped while reading <paramref name="csvPath"/> keeps the rest of the file too (as points, so that one
        /// resend finishes the whole file); returns what the stop report says of the input not read. A file that cannot
        /// be read again is said so, not thrown: the report must still be given.
        /// </summary>
        public string KeepUnreadCsv(string csvPath, IReadOnlyList<string>? dimensionColumns, long recordsRead, AggregationFunction defaultAggregation)
        {
            IReadOnlyList<CustomDataPoint> rest;
            long invalid;
            try
            {
                rest = UnreadCsvPoints.Read(csvPath, dimensionColumns, recordsRead, defaultAggregation, out invalid);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CloudthreadException)
            {
                return NotRead + " (and could not be read for -FailedPointsPath: " + ex.Message + ")";
            }

            foreach (var point in rest)
            {
                _points.Add(new KeyValuePair<CustomDataPoint, string>(point, "not read: the run stopped first (not stored)"));
            }

            return string.Format(
                CultureInfo.InvariantCulture, "{0} more point(s) of the file were not read ({1} invalid record(s) of them left out)", rest.Count, invalid);
        }

        /// <summary>
        /// Writes the file(s), replacing them (an empty file when every point was confirmed, so that an old one is not
        /// sent again); returns the sentence that says where the points are and how to send them again, or null when
        /// there are none. Throws what writing a file throws (IOException, UnauthorizedAccessException...).
        /// </summary>
        public string? Save(long sent)
        {
            var files = FailedPointsFile.Write(Path, _points);
            if (_points.Count == 0)
            {
                return null;
            }

            var commands = string.Join("; ", files.Select(file => "Send-CtCustomData -Path '" + file.Key + "'"));
            return string.Format(
                CultureInfo.InvariantCulture,
                "{0} point(s) not confirmed ({1} stored) are in {2}; send them again with: {3}",
                _points.Count,
                sent,
                string.Join(", ", files.Select(file => "'" + file.Key + "' (" + file.Value.ToString(CultureInfo.InvariantCulture) + ")")),
                commands);
        }

        /// <summary>
        /// The one report of a run that ended early: what was stored, what may have been, what was not, and where the
        /// points not confirmed are (<paramref name="saved"/>, from <see cref="Save"/>). Null when nothing was ever to
        /// be stored (a dry run, or stopped before the first valid point).
        /// </summary>
        public static string? StopReport(IngestSummary summary, long itemsRead, string unread, string? saved)
        {
            if ((summary ?? throw new ArgumentNullException(nameof(summary))).DryRun || summary.Accepted == 0)
            {
                return null;
            }

            var message = string.Format(
                CultureInfo.InvariantCulture,
                "Send-CtCustomData stopped after {5} input item(s): {0} point(s) stored (confirmed), {1} may or may not have been stored (in flight, or failed without an answer that proves either), {2} not stored (not sent, or refused); {3} invalid item(s) skipped; {6}. {4}",
                summary.Sent,
                summary.MayHaveBeenStored,
                summary.NotStored,
                summary.Rejected,
                saved ?? (summary.Sent == summary.Accepted
                    ? string.Empty
                    : "Sending the points not confirmed again is safe (ingest is an upsert); -FailedPointsPath keeps them in a file that -Path takes back."),
                itemsRead,
                unread);
            return message.TrimEnd();
        }
    }
}
