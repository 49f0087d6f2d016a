using System.Collections.Generic;
using Cloudthread.Client.Ingestion;
using Cloudthread.Client.Models;

namespace Cloudthread.Client.FailedItems
{
    /// <summary>
    /// The points of a CSV file that a stopped run never read (its records from a given one on), read as the
    /// ingestion would: so that -FailedPointsPath holds them too, and one resend finishes the whole file.
    /// </summary>
    public static class UnreadCsvPoints
    {
        /// <summary>
        /// Reads the data records of <paramref name="path"/> from the 0-based <paramref name="firstRecord"/> on.
        /// Records that are not valid points are counted in <paramref name="invalid"/> and left out: a resend would
        /// refuse them again. Points without an aggregation function get <paramref name="defaultAggregation"/>.
        /// </summary>
        public static IReadOnlyList<CustomDataPoint> Read(
            string path, IReadOnlyList<string>? dimensionColumns, long firstRecord, AggregationFunction defaultAggregation, out long invalid)
        {
            long record = 0;
            var unusable = 0L;
            var points = new List<CustomDataPoint>();
            // Records are counted as the run counted its input items: a record skipped for its quoting (an unclosed
            // quote...) is one too, so that the first record not read is the one the run would have read next.
            using (var csv = CustomDataIngestion.OpenCsv(path, OnMalformed, out _))
            {
                var map = CustomDataIngestion.CreateCsvMap(path, csv.Headers, dimensionColumns);
                var values = new object?[map.ColumnNames.Count];
                while (csv.Read())
                {
                    if (record++ < firstRecord)
                    {
                        continue;
                    }

                    if (!CustomDataIngestion.TryReadRecord(csv, values, out _)
                        || !map.TryCreatePoint(values, out var point, out _)
                        || !CustomDataPointValidator.IsValid(point!, out _))
                    {
                        unusable++;
                        continue;
                    }

                    point!.AggregationFunction ??= defaultAggregation;
                    points.Add(point);
                }
            }

            invalid = unusable;
            return points;

            void OnMalformed(CsvRecordReader skipped)
            {
                if (record++ >= firstRecord)
                {
                    unusable++;
                }
            }
        }
    }
}
