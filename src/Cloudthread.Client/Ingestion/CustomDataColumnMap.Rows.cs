using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using Cloudthread.Client.Models;

namespace Cloudthread.Client.Ingestion
{
    /// <summary>Converting one row of a shape into a point: each part's value, the aggregation function and the dimensions.</summary>
    public sealed partial class CustomDataColumnMap
    {
        /// <summary>An empty dimension used to vanish from the point, which then keyed another record (CONTRACT.md: upsert).</summary>
        private const string NoDimensionValue =
            "is an empty dimension: give every point a value for it, or leave it out (-DimensionProperty)";

        /// <summary>
        /// Converts one row (values in column order, PowerShell wrappers already removed) to a new point. False when
        /// the row cannot be one, with what is wrong (the column name as its field) in <paramref name="rejection"/>.
        /// </summary>
        internal bool TryCreatePoint(object?[] values, out CustomDataPoint? point, out CustomDataPointRejection? rejection)
        {
            var created = new CustomDataPoint();
            var converted = TryFillPoint(values, created, null, out rejection);
            point = converted ? created : null;
            return converted;
        }

        /// <summary>
        /// <see cref="TryCreatePoint"/> into a point the caller reuses from row to row (the engine, which serializes it
        /// at once and keeps nothing), with <paramref name="dimensionsBuffer"/> as its dimensions when it has any.
        /// </summary>
        [MethodImpl(HotPath.CompileOptimized)]
        internal bool TryFillPoint(object?[] values, CustomDataPoint point, Dictionary<string, string>? dimensionsBuffer, out CustomDataPointRejection? rejection)
        {
            if (values is null)
            {
                throw new ArgumentNullException(nameof(values));
            }

            rejection = null;
            if (Problem != null)
            {
                rejection = new CustomDataPointRejection(CustomDataRejectionCode.UnusableColumns, ProblemField, Problem);
                return false;
            }

            if (!CloudthreadTimestamp.TryConvert(Value(values, TimestampColumn), out var timestamp, out var reason))
            {
                return Fails(CustomDataRejectionCode.InvalidTimestamp, ColumnNames[TimestampColumn], reason, out rejection);
            }

            var metricName = AsString(Value(values, MetricNameColumn));
            if (string.IsNullOrWhiteSpace(metricName))
            {
                return Fails(CustomDataRejectionCode.InvalidMetricName, ColumnNames[MetricNameColumn], "is empty", out rejection);
            }

            if (!TryConvertValue(Value(values, MetricValueColumn), out var metricValue, out reason))
            {
                return Fails(CustomDataRejectionCode.InvalidMetricValue, ColumnNames[MetricValueColumn], reason, out rejection);
            }

            AggregationFunction? aggregation = null;
            if (AggregationFunctionColumn >= 0 && !TryConvertAggregation(Value(values, AggregationFunctionColumn), out aggregation, out reason))
            {
                return Fails(CustomDataRejectionCode.InvalidAggregation, ColumnNames[AggregationFunctionColumn], reason, out rejection);
            }

            string? token = null;
            if (DataStreamTokenColumn >= 0)
            {
                token = AsString(Value(values, DataStreamTokenColumn));
                token = string.IsNullOrEmpty(token) ? null : token;
            }

            var field = ProblemWithDimensions(values, dimensionsBuffer, out var dimensions, out reason);
            if (field != null)
            {
                return Fails(CustomDataRejectionCode.InvalidDimensions, field, reason, out rejection);
            }

            point.Timestamp = timestamp;
            point.MetricName = metricName!;
            point.MetricValue = metricValue;
            point.AggregationFunction = aggregation;
            point.DataStreamToken = token;
            point.SetDimensions(dimensions);
            return true;
        }

        /// <summary>A metric value from a number or an invariant-culture string; NaN and infinities are refused with the reason.</summary>
        [MethodImpl(HotPath.CompileOptimized)]
        private static bool TryConvertValue(object? value, out double result, out string reason)
        {
            reason = ProblemConvertingValue(value, out result) ?? string.Empty;
            return reason.Length == 0;
        }

        [MethodImpl(HotPath.CompileOptimized)]
        private static string? ProblemConvertingValue(object? value, out double result)
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
                    if (!PlainDecimalText.TryParse(s, out result) && !double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out result))
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

        /// <summary>Sum, Average, Maximum or Minimum (case-insensitive); empty gives null (the ingestion's default).</summary>
        [MethodImpl(HotPath.CompileOptimized)]
        private static bool TryConvertAggregation(object? value, out AggregationFunction? result, out string reason)
        {
            result = null;
            reason = string.Empty;
            if (value is AggregationFunction function)
            {
                result = function;
                return true;
            }

            var text = AsString(value)?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                return true;
            }

            foreach (var candidate in new[] { AggregationFunction.Sum, AggregationFunction.Average, AggregationFunction.Maximum, AggregationFunction.Minimum })
            {
                if (string.Equals(text, CustomDataPointWriter.AggregationFunctionName(candidate), StringComparison.OrdinalIgnoreCase))
                {
                    result = candidate;
                    return true;
                }
            }

            reason = "'" + Truncate(text!) + "' is not an aggregation function (Sum, Average, Maximum, Minimum)";
            return false;
        }

        /// <summary>
        /// Collects the row's dimensions, in <paramref name="buffer"/> (cleared) when given, else a new dictionary; null when
        /// it has none. Returns null when they are valid, else the field (column or dimension) that <paramref name="reason"/> is about.
        /// </summary>
        [MethodImpl(HotPath.CompileOptimized)]
        private string? ProblemWithDimensions(object?[] values, Dictionary<string, string>? buffer, out Dictionary<string, string>? dimensions, out string reason)
        {
            buffer?.Clear();
            dimensions = null;
            reason = string.Empty;
            if (DimensionsColumn >= 0 && Value(values, DimensionsColumn) is { } dictionaryValue)
            {
                if (dictionaryValue is not IDictionary dictionary)
                {
                    reason = "must be a dictionary of dimension name to value";
                    return ColumnNames[DimensionsColumn];
                }

                dimensions = buffer ?? new Dictionary<string, string>(dictionary.Count + _dimensionColumns.Length, StringComparer.Ordinal);
                foreach (DictionaryEntry entry in dictionary)
                {
                    var key = AsString(entry.Key);
                    if (string.IsNullOrWhiteSpace(key))
                    {
                        reason = "has an empty dimension name";
                        return ColumnNames[DimensionsColumn];
                    }

                    var text = AsString(entry.Value);
                    if (string.IsNullOrEmpty(text))
                    {
                        reason = NoDimensionValue;
                        return key!;
                    }

                    dimensions[key!] = text!;
                }
            }

            foreach (var column in _dimensionColumns)
            {
                var text = AsString(Value(values, column));
                if (string.IsNullOrEmpty(text))
                {
                    reason = NoDimensionValue;
                    return ColumnNames[column];
                }

                dimensions ??= buffer ?? new Dictionary<string, string>(_dimensionColumns.Length, StringComparer.Ordinal);
                dimensions[ColumnNames[column]] = text!;
            }

            if (dimensions != null && dimensions.Count > CustomDataPoint.MaxDimensions)
            {
                reason = "has " + dimensions.Count + " dimensions (" + string.Join(", ", dimensions.Keys) + "); at most " +
                    CustomDataPoint.MaxDimensions + " are allowed: choose them with -DimensionProperty";
                return "Dimensions";
            }

            return null;
        }

        private static bool Fails(CustomDataRejectionCode code, string field, string reason, out CustomDataPointRejection? rejection)
        {
            rejection = new CustomDataPointRejection(code, field, reason);
            return false;
        }

        [MethodImpl(HotPath.CompileOptimized)]
        private static object? Value(object?[] values, int column) => column < values.Length ? values[column] : null;

        // The one value-to-text rule (CloudthreadText), so a row's dimension reads as the same value given as a parameter.
        [MethodImpl(HotPath.CompileOptimized)]
        private static string? AsString(object? value) => value is null ? null : CloudthreadText.Of(value);

        private static string Truncate(string s) => s.Length <= 40 ? s : s.Substring(0, 40) + "...";
    }
}
