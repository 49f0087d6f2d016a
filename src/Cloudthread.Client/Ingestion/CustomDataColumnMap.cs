using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
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
    public sealed class CustomDataColumnMap
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
            if (!TryFind(columnNames, normalized, TimestampAliases, "Timestamp", problemMap, out var timestamp) ||
                !TryFind(columnNames, normalized, MetricNameAliases, "MetricName", problemMap, out var metricName) ||
                !TryFind(columnNames, normalized, MetricValueAliases, "MetricValue", problemMap, out var metricValue) ||
                !TryFind(columnNames, normalized, AggregationAliases, "AggregationFunction", problemMap, out var aggregation) ||
                !TryFind(columnNames, normalized, TokenAliases, "DataStreamToken", problemMap, out var token) ||
                !TryFind(columnNames, normalized, DimensionsAliases, "Dimensions", problemMap, out var dimensions) ||
                !TryFind(columnNames, normalized, FailureReasonAliases, "FailureReason", problemMap, out var failureReason))
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

                if (dimensionIndexes.Count > CustomDataPointValidator.MaxDimensions)
                {
                    return problemMap.WithProblem("DimensionProperty", "names " + dimensionIndexes.Count + " dimensions; at most " + CustomDataPointValidator.MaxDimensions + " are allowed");
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
        /// Converts one row (values in column order, PowerShell wrappers already removed) to a point.
        /// Returns null when valid, else the reason, with the column name in <paramref name="field"/>.
        /// </summary>
        public string? TryCreatePoint(object?[] values, out CustomDataPoint? point, out string field)
        {
            var created = new CustomDataPoint();
            var reason = TryFillPoint(values, created, null, out field);
            point = reason is null ? created : null;
            return reason;
        }

        /// <summary>
        /// <see cref="TryCreatePoint"/> into a point the caller reuses from row to row (the engine, which serializes it
        /// at once and keeps nothing), with <paramref name="dimensionsBuffer"/> as its dimensions when it has any.
        /// </summary>
        internal string? TryFillPoint(object?[] values, CustomDataPoint point, Dictionary<string, string>? dimensionsBuffer, out string field)
        {
            if (values is null)
            {
                throw new ArgumentNullException(nameof(values));
            }

            if (Problem != null)
            {
                field = ProblemField;
                return Problem;
            }

            field = ColumnNames[TimestampColumn];
            var reason = CloudthreadTimestamp.TryConvert(Value(values, TimestampColumn), out var timestamp);
            if (reason != null)
            {
                return reason;
            }

            field = ColumnNames[MetricNameColumn];
            var metricName = AsString(Value(values, MetricNameColumn));
            if (string.IsNullOrWhiteSpace(metricName))
            {
                return "is empty";
            }

            field = ColumnNames[MetricValueColumn];
            reason = TryConvertValue(Value(values, MetricValueColumn), out var metricValue);
            if (reason != null)
            {
                return reason;
            }

            AggregationFunction? aggregation = null;
            if (AggregationFunctionColumn >= 0)
            {
                field = ColumnNames[AggregationFunctionColumn];
                reason = TryConvertAggregation(Value(values, AggregationFunctionColumn), out aggregation);
                if (reason != null)
                {
                    return reason;
                }
            }

            string? token = null;
            if (DataStreamTokenColumn >= 0)
            {
                token = AsString(Value(values, DataStreamTokenColumn));
                token = string.IsNullOrEmpty(token) ? null : token;
            }

            field = "Dimensions";
            reason = CollectDimensions(values, dimensionsBuffer, out var dimensions, ref field);
            if (reason != null)
            {
                return reason;
            }

            point.Timestamp = timestamp;
            point.MetricName = metricName!;
            point.MetricValue = metricValue;
            point.AggregationFunction = aggregation;
            point.DataStreamToken = token;
            point.SetDimensions(dimensions);
            return null;
        }

        /// <summary>A metric value from a number or an invariant-culture string; NaN and infinities are rejected.</summary>
        public static string? TryConvertValue(object? value, out double result)
        {
            result = 0;
            switch (value)
            {
                case null:
                    return "is required";
                case double d:
                    result = d;
                    break;
                case int i:
                    result = i;
                    break;
                case long l:
                    result = l;
                    break;
                case float f:
                    result = f;
                    break;
                case decimal m:
                    result = (double)m;
                    break;
                case bool:
                    return "must be a number, not a boolean";
                case string s:
                    if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out result))
                    {
                        return "'" + Truncate(s) + "' is not a number (use invariant culture: 1234.5)";
                    }

                    break;
                case IConvertible convertible:
                    try
                    {
                        result = convertible.ToDouble(CultureInfo.InvariantCulture);
                    }
                    catch (Exception ex) when (ex is FormatException or InvalidCastException or OverflowException)
                    {
                        return "'" + Truncate(AsString(value) ?? string.Empty) + "' is not a number";
                    }

                    break;
                default:
                    return "a " + value.GetType().Name + " is not a number";
            }

            return double.IsNaN(result) || double.IsInfinity(result) ? "must be a finite number, not " + result.ToString(CultureInfo.InvariantCulture) : null;
        }

        /// <summary>Sum, Average, Maximum or Minimum (case-insensitive); empty means the default.</summary>
        public static string? TryConvertAggregation(object? value, out AggregationFunction? result)
        {
            result = null;
            switch (value)
            {
                case null:
                    return null;
                case AggregationFunction function:
                    result = function;
                    return null;
            }

            var text = AsString(value)?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                return null;
            }

            foreach (AggregationFunction candidate in new[] { AggregationFunction.Sum, AggregationFunction.Average, AggregationFunction.Maximum, AggregationFunction.Minimum })
            {
                if (string.Equals(text, CustomDataPointWriter.AggregationFunctionName(candidate), StringComparison.OrdinalIgnoreCase))
                {
                    result = candidate;
                    return null;
                }
            }

            return "'" + Truncate(text!) + "' is not an aggregation function (Sum, Average, Maximum, Minimum)";
        }

        /// <summary>The row's dimensions, in <paramref name="buffer"/> (cleared) when given, else a new dictionary; null when it has none.</summary>
        private string? CollectDimensions(object?[] values, Dictionary<string, string>? buffer, out Dictionary<string, string>? dimensions, ref string field)
        {
            buffer?.Clear();
            dimensions = null;
            if (DimensionsColumn >= 0 && Value(values, DimensionsColumn) is { } dictionaryValue)
            {
                field = ColumnNames[DimensionsColumn];
                if (dictionaryValue is not IDictionary dictionary)
                {
                    return "must be a dictionary of dimension name to value";
                }

                dimensions = buffer ?? new Dictionary<string, string>(dictionary.Count + _dimensionColumns.Length, StringComparer.Ordinal);
                foreach (DictionaryEntry entry in dictionary)
                {
                    var key = AsString(entry.Key);
                    if (string.IsNullOrWhiteSpace(key))
                    {
                        return "has an empty dimension name";
                    }

                    var text = AsString(entry.Value);
                    if (string.IsNullOrEmpty(text))
                    {
                        field = key!;
                        return NoDimensionValue;
                    }

                    dimensions[key!] = text!;
                }
            }

            foreach (var column in _dimensionColumns)
            {
                var text = AsString(Value(values, column));
                if (string.IsNullOrEmpty(text))
                {
                    field = ColumnNames[column];
                    return NoDimensionValue;
                }

                dimensions ??= buffer ?? new Dictionary<string, string>(_dimensionColumns.Length, StringComparer.Ordinal);
                dimensions[ColumnNames[column]] = text!;
            }

            if (dimensions != null && dimensions.Count > CustomDataPointValidator.MaxDimensions)
            {
                field = "Dimensions";
                return "has " + dimensions.Count + " dimensions (" + string.Join(", ", dimensions.Keys) + "); at most " +
                    CustomDataPointValidator.MaxDimensions + " are allowed: choose them with -DimensionProperty";
            }

            return null;
        }

        /// <summary>An empty dimension used to vanish from the point, which then keyed another record (CONTRACT.md: upsert).</summary>
        private const string NoDimensionValue =
            "is an empty dimension: give every point a value for it, or leave it out (-DimensionProperty)";

        private static object? Value(object?[] values, int column) => column < values.Length ? values[column] : null;

        private static string? AsString(object? value) => value switch
        {
            null => null,
            string s => s,
            DateTime dt => dt.ToString("o", CultureInfo.InvariantCulture),
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };

        private static bool TryFind(IReadOnlyList<string> names, string[] normalized, string[] aliases, string role, CustomDataColumnMap problemMap, out int index)
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

        private static string Truncate(string s) => s.Length <= 40 ? s : s.Substring(0, 40) + "...";
    }
}
