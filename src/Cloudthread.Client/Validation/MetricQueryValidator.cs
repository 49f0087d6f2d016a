using System;
using System.Globalization;
using Cloudthread.Client.Models;

namespace Cloudthread.Client.Validation
{
    /// <summary>The server's rules for GET /cost/metric/{id} and /unit/metric/{id} (CONTRACT.md).</summary>
    internal static class MetricQueryValidator
    {
        public static void Validate(string? metricId, MetricQuery? query)
        {
            var issues = new ValidationIssueList();
            issues.PathSegment(metricId, "metric_id");
            if (query is null)
            {
                issues.Add("query", "is required");
                issues.ThrowIfAny();
                return;
            }

            if (query.Start == default)
            {
                issues.Add("start_date", "is required");
            }

            if (query.End == default)
            {
                issues.Add("end_date", "is required");
            }

            if (query.Start != default && query.End != default && query.Start.Date > query.End.Date)
            {
                issues.Add("start_date", Day(query.Start) + " is after end_date " + Day(query.End));
            }

            if (!Enum.IsDefined(typeof(MetricGranularity), query.Granularity))
            {
                issues.Add("granularity", "'" + query.Granularity + "' is not one of hour, day, week, month, quarter, year");
            }

            if (query.CostType is { Length: > 0 } costType && costType.Trim().Length == 0)
            {
                issues.Add("cost_type", "must not be blank");
            }

            if (query.Exclude is not null)
            {
                for (var i = 0; i < query.Exclude.Count; i++)
                {
                    var item = query.Exclude[i];
                    var path = ValidationIssueList.Indexed("exclude", i);
                    if (string.IsNullOrWhiteSpace(item))
                    {
                        issues.Add(path, "must not be empty", i);
                    }
                    else if (item.IndexOf(',') >= 0)
                    {
                        issues.Add(path, "'" + item + "' contains a comma (exclude is sent comma-separated)", i);
                    }
                }
            }

            issues.ThrowIfAny();
        }

        /// <summary>The wire form of a query date: the calendar date, time of day ignored.</summary>
        public static string Day(DateTime value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}
