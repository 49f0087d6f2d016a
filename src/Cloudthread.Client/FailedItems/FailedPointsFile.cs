using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Cloudthread.Client.Models;

namespace Cloudthread.Client.FailedItems
{
    /// <summary>
    /// Writes custom-data points that were not confirmed as a CSV that <c>Send-CtCustomData -Path</c> (and the
    /// ingestion's CSV reader) takes as it is: Timestamp, MetricName, MetricValue, AggregationFunction, one column
    /// per dimension, and FailureReason (a column the reader ignores). Data stream tokens are secrets and are never
    /// written: the file is sent again with the connection's token.
    /// </summary>
    /// <remarks>
    /// An empty CSV cell is a dimension with an empty value, so points of different dimension names cannot share a
    /// header: each further set of names goes to its own file beside the first (<c>failed-2.csv</c>, ...).
    /// </remarks>
    public static class FailedPointsFile
    {
        /// <summary>The column that says why a point is in the file; the CSV reader never takes it as a dimension.</summary>
        public const string ReasonColumn = "FailureReason";

        private static readonly string[] PointColumns = { "Timestamp", "MetricName", "MetricValue", "AggregationFunction" };
        private static readonly string[] ReasonColumns = { ReasonColumn };

        /// <summary>
        /// Why the points of <paramref name="result"/> are not confirmed, as the FailureReason column says it; null
        /// when they are (sent, planned).
        /// </summary>
        public static string? ReasonOf(CustomDataRequestResult result)
        {
            if ((result ?? throw new ArgumentNullException(nameof(result))).Status is not (CustomDataRequestStatus.Failed or CustomDataRequestStatus.Cancelled))
            {
                return null;
            }

            var reason = result.Status == CustomDataRequestStatus.Failed
                ? "request " + result.Sequence.ToString(CultureInfo.InvariantCulture) + " failed: " + (result.Error?.Message ?? "unknown error")
                : result.MayHaveBeenStored ? "stopped while its request was in flight" : "stopped before it was sent";
            return reason + (result.MayHaveBeenStored ? " (may or may not have been stored)" : " (not stored)");
        }

        /// <summary>Writes (replacing) the file(s); returns each path written with its point count, the first being <paramref name="path"/>.</summary>
        public static IReadOnlyList<KeyValuePair<string, int>> Write(string path, IEnumerable<KeyValuePair<CustomDataPoint, string>> points)
        {
            if (string.IsNullOrEmpty(path))
            {
                throw new ArgumentException("A path is required.", nameof(path));
            }

            var shapes = new List<KeyValuePair<string[], List<KeyValuePair<CustomDataPoint, string>>>>();
            foreach (var item in points ?? throw new ArgumentNullException(nameof(points)))
            {
                var names = item.Key.DimensionsOrNull?.Keys.OrderBy(name => name, StringComparer.Ordinal).ToArray() ?? Array.Empty<string>();
                var shape = shapes.FirstOrDefault(s => s.Key.SequenceEqual(names, StringComparer.Ordinal));
                if (shape.Value is null)
                {
                    shape = new KeyValuePair<string[], List<KeyValuePair<CustomDataPoint, string>>>(names, new List<KeyValuePair<CustomDataPoint, string>>());
                    shapes.Add(shape);
                }

                shape.Value.Add(item);
            }

            if (shapes.Count == 0)
            {
                shapes.Add(new KeyValuePair<string[], List<KeyValuePair<CustomDataPoint, string>>>(Array.Empty<string>(), new List<KeyValuePair<CustomDataPoint, string>>()));
            }

            var written = new List<KeyValuePair<string, int>>();
            for (var i = 0; i < shapes.Count; i++)
            {
                var file = i == 0 ? path : Path.Combine(Path.GetDirectoryName(path) ?? string.Empty, Path.GetFileNameWithoutExtension(path) + "-" + (i + 1).ToString(CultureInfo.InvariantCulture) + Path.GetExtension(path));
                WriteOne(file, shapes[i].Key, shapes[i].Value);
                written.Add(new KeyValuePair<string, int>(file, shapes[i].Value.Count));
            }

            return written;
        }

        private static void WriteOne(string path, string[] dimensionNames, List<KeyValuePair<CustomDataPoint, string>> points)
        {
            using (var writer = CsvRows.Create(path))
            {
                CsvRows.Write(writer, PointColumns.Concat(dimensionNames).Concat(ReasonColumns));
                foreach (var pair in points)
                {
                    var point = pair.Key;
                    var utc = point.Timestamp.Kind == DateTimeKind.Local ? point.Timestamp.ToUniversalTime() : point.Timestamp;
                    var fields = new List<string?>(dimensionNames.Length + 5)
                    {
                        CloudthreadTimestamp.Format(utc, TimestampFormat.Rfc3339),
                        point.MetricName,
                        point.MetricValue.ToString("R", CultureInfo.InvariantCulture),
                        point.AggregationFunction?.ToString(),
                    };
                    foreach (var name in dimensionNames)
                    {
                        fields.Add(point.Dimensions[name]);
                    }

                    fields.Add(pair.Value);
                    CsvRows.Write(writer, fields);
                }
            }
        }
    }
}
