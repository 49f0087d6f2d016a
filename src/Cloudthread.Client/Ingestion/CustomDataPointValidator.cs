using System;
using System.Collections.Generic;
using Cloudthread.Client.Models;

namespace Cloudthread.Client.Ingestion
{
    /// <summary>The per-point rules of CONTRACT.md (ingest), checked before a point joins a batch.</summary>
    internal static class CustomDataPointValidator
    {
        public const int MaxDimensions = 10;

        /// <summary>Returns null when the point is valid, else the reason, with the offending field in <paramref name="field"/>.</summary>
        public static string? Validate(CustomDataPoint point, out string field)
        {
            field = nameof(CustomDataPoint.Timestamp);
            if (point.Timestamp == default)
            {
                return "is required";
            }

            var reason = CloudthreadTimestamp.CheckOnTheHour(point.Timestamp, out _);
            if (reason != null)
            {
                return reason;
            }

            field = nameof(CustomDataPoint.MetricName);
            if (string.IsNullOrWhiteSpace(point.MetricName))
            {
                return "is empty";
            }

            field = nameof(CustomDataPoint.MetricValue);
            if (double.IsNaN(point.MetricValue) || double.IsInfinity(point.MetricValue))
            {
                return "must be a finite number, not " + point.MetricValue.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            field = nameof(CustomDataPoint.AggregationFunction);
            if (point.AggregationFunction is { } function && (function < AggregationFunction.Sum || function > AggregationFunction.Minimum))
            {
                return "must be Sum, Average, Maximum or Minimum";
            }

            field = nameof(CustomDataPoint.Dimensions);
            var dimensions = point.DimensionsOrNull;
            if (dimensions is null)
            {
                return null;
            }

            if (dimensions.Count > MaxDimensions)
            {
                return "has " + dimensions.Count + " dimensions; at most " + MaxDimensions + " are allowed";
            }

            foreach (var pair in dimensions)
            {
                if (string.IsNullOrWhiteSpace(pair.Key))
                {
                    return "has an empty dimension name";
                }

                if (string.IsNullOrEmpty(pair.Value))
                {
                    return "has no value for dimension '" + pair.Key + "'";
                }
            }

            return null;
        }

        /// <summary>Validates a whole request's points, naming each problem as <c>data[i].field</c>.</summary>
        public static IReadOnlyList<ValidationIssue> ValidateAll(IReadOnlyList<CustomDataPoint> points)
        {
            var issues = new List<ValidationIssue>();
            for (var i = 0; i < points.Count; i++)
            {
                var point = points[i];
                if (point is null)
                {
                    issues.Add(new ValidationIssue("data[" + i + "]", "is null", i));
                    continue;
                }

                var reason = Validate(point, out var field);
                if (reason != null)
                {
                    issues.Add(new ValidationIssue("data[" + i + "]." + field, reason, i));
                }
            }

            return issues;
        }
    }
}
