using System;
using System.Collections.Generic;
using Cloudthread.Client.Models;

namespace Cloudthread.Client.Ingestion
{
    /// <summary>
    /// Which column (CSV header, object property) plays which part of a custom-data point, decided once per
    /// shape and reused for every row of that shape. Names match case-insensitively, ignoring '_', '-' and
    /// spaces, with aliases for common spellings:
    /// timestamp (time, date, datetime), metric name (metric, name, metric_name), metric value (value,
    /// metric_value), aggregation function (metric_agg_func, agg, aggregation), data stream token, and
    /// dimensions (a dictionary-valued custom_dimensions / Dimensions property); a FailureReason column (written by
    /// -FailedPointsPath) is ignored.
    /// Without an explicit dimension list, every other column is a dimension (string value).
    /// </summary>
    public sealed partial class CustomDataColumnMap
    {
        private static readonly string[] TimestampAliases = { "timestamp", "time", "date", "datetime" };
        private static readonly string[] MetricNameAliases = { "metricname", "metric", "name" };
        private static readonly string[] MetricValueAliases = { "metricvalue", "value" };
        private static readonly string[] AggregationAliases = { "aggregationfunction", "metricaggfunc", "agg", "aggregation", "aggfunc" };
        private static readonly string[] TokenAliases = { "datastreamtoken" };
        private static readonly string[] DimensionsAliases = { "dimensions", "customdimensions" };

        // Written by Send-CtCustomData -FailedPointsPath beside each point: read back, it must not become a dimension.
        private static readonly string[] FailureReasonAliases = { "failurereason" };

        private readonly int[] _dimensionColumns;

        private CustomDataColumnMap(IReadOnlyList<string> columnNames)
        {
            ColumnNames = columnNames;
            _dimensionColumns = Array.Empty<int>();
        }

        private CustomDataColumnMap(IReadOnlyList<string> columnNames, int timestamp, int metricName, int metricValue, int aggregation, int token, int dimensions, int[] dimensionColumns)
        {
            ColumnNames = columnNames;
            TimestampColumn = timestamp;
            MetricNameColumn = metricName;
            MetricValueColumn = metricValue;
            AggregationFunctionColumn = aggregation;
            DataStreamTokenColumn = token;
            DimensionsColumn = dimensions;
            _dimensionColumns = dimensionColumns;
        }

        public IReadOnlyList<string> ColumnNames { get; }

        /// <summary>Why no row of this shape can be a point (a required column is missing...), or null.</summary>
        public string? Problem { get; private set; }

        /// <summary>The column that <see cref="Problem"/> is about, when there is one.</summary>
        public string ProblemField { get; private set; } = string.Empty;

        public int TimestampColumn { get; } = -1;
        public int MetricNameColumn { get; } = -1;
        public int MetricValueColumn { get; } = -1;
        /// <summary>-1 when absent: the ingestion's default applies.</summary>
        public int AggregationFunctionColumn { get; } = -1;
        /// <summary>-1 when absent: the ingestion's default applies.</summary>
        public int DataStreamTokenColumn { get; } = -1;
        /// <summary>A column holding a dictionary of dimensions; -1 when absent.</summary>
        public int DimensionsColumn { get; } = -1;

        public IReadOnlyList<string> DimensionColumnNames
        {
            get
            {
                var names = new string[_dimensionColumns.Length];
                for (var i = 0; i < names.Length; i++)
                {
                    names[i] = ColumnNames[_dimensionColumns[i]];
                }

                return names;
            }
        }

        /// <summary>Builds the map for one shape. Never throws for bad names: see <see cref="Problem"/>.</summary>
        /// <param name="columnNames">Column or property names, in value order.</param>
        /// <param name="dimensionColumns">Columns to take dimensions from; null takes every column not otherwise used.</param>
        public static CustomDataColumnMap Create(IReadOnlyList<string> columnNames, IReadOnlyList<string>? dimensionColumns = null)
        {
            if (columnNames is null)
            {
                throw new ArgumentNullException(nameof(columnNames));
            }

            var normalized = new string[columnNames.Count];
            for (var i = 0; i < normalized.Length; i++)
            {
                normalized[i] = Normalize(columnNames[i] ?? string.Empty);
            }

            var problemMap = new CustomDataColumnMap(columnNames);
            if (!FindAtMostOne(columnNames, normalized, TimestampAliases, "Timestamp", problemMap, out var timestamp) ||
                !FindAtMostOne(columnNames, normalized, MetricNameAliases, "MetricName", problemMap, out var metricName) ||
                !FindAtMostOne(columnNames, normalized, MetricValueAliases, "MetricValue", problemMap, out var metricValue) ||
                !FindAtMostOne(columnNames, normalized, AggregationAliases, "AggregationFunction", problemMap, out var aggregation) ||
                !FindAtMostOne(columnNames, normalized, TokenAliases, "DataStreamToken", problemMap, out var token) ||
                !FindAtMostOne(columnNames, normalized, DimensionsAliases, "Dimensions", problemMap, out var dimensions) ||
                !FindAtMostOne(columnNames, normalized, FailureReasonAliases, "FailureReason", problemMap, out var failureReason))
            {
                return problemMap;
            }

            foreach (var (index, field) in new[] { (timestamp, "Timestamp"), (metricName, "MetricName"), (metricValue, "MetricValue") })
            {
                if (index < 0)
                {
                    return problemMap.WithProblem(field, "is missing: no column or property named " + field + " or an alias of it (see Get-Help Send-CtCustomData)");
                }
            }

            var roles = new[] { timestamp, metricName, metricValue, aggregation, token, dimensions, failureReason };
            var dimensionIndexes = new List<int>();
            if (dimensionColumns is null)
            {
                for (var i = 0; i < columnNames.Count; i++)
                {
                    if (Array.IndexOf(roles, i) < 0)
                    {
                        dimensionIndexes.Add(i);
                    }
                }
            }
            else
            {
                foreach (var wanted in dimensionColumns)
                {
                    var found = -1;
                    for (var i = 0; i < columnNames.Count && found < 0; i++)
                    {
                        if (string.Equals(columnNames[i], wanted, StringComparison.OrdinalIgnoreCase))
                        {
                            found = i;
                        }
                    }

                    if (found < 0)
                    {
                        return problemMap.WithProblem(wanted, "is named as a dimension but there is no such column or property");
                    }

                    if (Array.IndexOf(roles, found) >= 0)
                    {
                        return problemMap.WithProblem(wanted, "is named as a dimension but is already the point's " + RoleName(Array.IndexOf(roles, found)));
                    }

                    if (!dimensionIndexes.Contains(found))
                    {
                        dimensionIndexes.Add(found);
                    }
                }

                if (dimensionIndexes.Count > CustomDataPoint.MaxDimensions)
                {
                    return problemMap.WithProblem("DimensionProperty", "names " + dimensionIndexes.Count + " dimensions; at most " + CustomDataPoint.MaxDimensions + " are allowed");
                }
            }

            var map = new CustomDataColumnMap(columnNames, timestamp, metricName, metricValue, aggregation, token, dimensions, dimensionIndexes.ToArray());
            if (dimensionColumns != null)
            {
                map.ReadByName = CustomDataColumnReadPlan.For(map);
            }

            return map;
        }

        /// <summary>
        /// With named dimensions only: how a reader that can look properties up by name (case-insensitively) reads
        /// a row of this shape without listing its columns. Null when every column must be listed (without named
        /// dimensions, every other column is one) or when no row of the shape can be a point.
        /// </summary>
        public CustomDataColumnReadPlan? ReadByName { get; private set; }

        /// <summary>The columns a point of this shape is made of: its parts, then its dimension columns.</summary>
        internal IEnumerable<int> UsedColumns()
        {
            foreach (var column in new[] { TimestampColumn, MetricNameColumn, MetricValueColumn, AggregationFunctionColumn, DataStreamTokenColumn, DimensionsColumn })
            {
                if (column >= 0)
                {
                    yield return column;
                }
            }

            foreach (var column in _dimensionColumns)
            {
                yield return column;
            }
        }

        /// <summary>
        /// The one column named by an alias of <paramref name="role"/> in <paramref name="index"/> (-1 when none). False when
        /// two are, with the problem set on <paramref name="problemMap"/>: a guess between them would be silent.
        /// </summary>
        private static bool FindAtMostOne(IReadOnlyList<string> names, string[] normalized, string[] aliases, string role, CustomDataColumnMap problemMap, out int index)
        {
            index = -1;
            for (var i = 0; i < normalized.Length; i++)
            {
                if (Array.IndexOf(aliases, normalized[i]) < 0)
                {
                    continue;
                }

                if (index >= 0)
                {
                    problemMap.WithProblem(names[i], "and '" + names[index] + "' both name the point's " + role + "; rename or remove one");
                    return false;
                }

                index = i;
            }

            return true;
        }

        private CustomDataColumnMap WithProblem(string field, string problem)
        {
            ProblemField = field;
            Problem = problem;
            return this;
        }

        private static string RoleName(int role) => role switch
        {
            0 => "Timestamp",
            1 => "MetricName",
            2 => "MetricValue",
            3 => "AggregationFunction",
            4 => "DataStreamToken",
            5 => "Dimensions",
            _ => "FailureReason",
        };

        private static string Normalize(string name)
        {
            var chars = new char[name.Length];
            var length = 0;
            foreach (var c in name)
            {
                if (c != '_' && c != '-' && c != ' ')
                {
                    chars[length++] = char.ToLowerInvariant(c);
                }
            }

            return new string(chars, 0, length);
        }
    }
}
