using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using Cloudthread.Client.Models;

namespace Cloudthread.Client.Ingestion
{
    /// <summary>The per-point rules of CONTRACT.md (ingest), checked before a point joins a batch.</summary>
    internal static class CustomDataPointValidator
    {
        /// <summary>True when the point may be sent; otherwise false, with what is wrong in <paramref name="rejection"/>.</summary>
        [MethodImpl(HotPath.CompileOptimized)]
        public static bool IsValid(CustomDataPoint point, out CustomDataPointRejection? rejection)
        {
            rejection = null;
            var reason = point.Timestamp == default ? "is required" : CloudthreadTimestamp.CheckOnTheHour(point.Timestamp, out _);
            if (reason != null)
            {
                rejection = new CustomDataPointRejection(CustomDataRejectionCode.InvalidTimestamp, nameof(CustomDataPoint.Timestamp), reason);
                return false;
            }

            if (string.IsNullOrWhiteSpace(point.MetricName))
            {
                rejection = new CustomDataPointRejection(CustomDataRejectionCode.InvalidMetricName, nameof(CustomDataPoint.MetricName), "is empty");
                return false;
            }

            if (double.IsNaN(point.MetricValue) || double.IsInfinity(point.MetricValue))
            {
                rejection = new CustomDataPointRejection(
                    CustomDataRejectionCode.InvalidMetricValue, nameof(CustomDataPoint.MetricValue), "must be a finite number, not " + point.MetricValue.ToString(CultureInfo.InvariantCulture));
                return false;
            }

            if (point.AggregationFunction is { } function && (function < AggregationFunction.Sum || function > AggregationFunction.Minimum))
            {
                rejection = new CustomDataPointRejection(CustomDataRejectionCode.InvalidAggregation, nameof(CustomDataPoint.AggregationFunction), "must be Sum, Average, Maximum or Minimum");
                return false;
            }

            reason = ProblemWithDimensions(point.DimensionsOrNull);
            if (reason != null)
            {
                rejection = new CustomDataPointRejection(CustomDataRejectionCode.InvalidDimensions, nameof(CustomDataPoint.Dimensions), reason);
                return false;
            }

            return true;
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
                }
                else if (!IsValid(point, out var rejection))
                {
                    issues.Add(new ValidationIssue("data[" + i + "]." + rejection!.Field, rejection.Reason, i));
                }
            }

            return issues;
        }

        [MethodImpl(HotPath.CompileOptimized)]
        private static string? ProblemWithDimensions(Dictionary<string, string>? dimensions)
        {
            if (dimensions is null)
            {
                return null;
            }

            if (dimensions.Count > CustomDataPoint.MaxDimensions)
            {
                return "has " + dimensions.Count + " dimensions; at most " + CustomDataPoint.MaxDimensions + " are allowed";
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
    }
}
