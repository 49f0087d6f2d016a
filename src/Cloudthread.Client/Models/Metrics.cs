using System;
using System.Collections.Generic;

namespace Cloudthread.Client.Models
{
    public enum MetricGranularity { Hour, Day, Week, Month, Quarter, Year }

    /// <summary>Query of a cost view or unit metric. Dates are calendar dates; End is inclusive.</summary>
    public sealed class MetricQuery
    {
        /// <summary>How many days before <see cref="End"/> a query begins when no start is given.</summary>
        public const int DefaultRangeDays = 30;

        public DateTime Start { get; set; }
        public DateTime End { get; set; }
        public MetricGranularity Granularity { get; set; } = MetricGranularity.Day;
        /// <summary>A cost type name (Unblended, Public...) or an integer cost column id.</summary>
        public string? CostType { get; set; }
        public bool? Amortization { get; set; }
        /// <summary>Payment types to exclude; sent comma-separated.</summary>
        public IReadOnlyList<string>? Exclude { get; set; }

        /// <summary>
        /// A query over the dates of <paramref name="start"/> to <paramref name="end"/> (times of day dropped): without
        /// an end, up to <paramref name="today"/>; without a start, <see cref="DefaultRangeDays"/> days before the end.
        /// </summary>
        public static MetricQuery ForDates(DateTime? start, DateTime? end, DateTime today)
        {
            var last = (end ?? today).Date;
            return new MetricQuery { Start = (start ?? last.AddDays(-DefaultRangeDays)).Date, End = last };
        }
    }

    /// <summary>One period of a cost view (GET /cost/metric/{id}).</summary>
    public sealed class CostViewDataPoint
    {
        public string CostViewId { get; set; } = string.Empty;
        /// <summary>The period start, parsed from <see cref="RawDate"/> (YYYYMMDD or YYYYMMDDHH), kind Unspecified.</summary>
        public DateTime Date { get; set; }
        public string RawDate { get; set; } = string.Empty;
        public MetricGranularity Granularity { get; set; }
        public double? CurrentTimeframeCost { get; set; }
        public double? PreviousTimeframeCost { get; set; }
        public double? PopDiff { get; set; }
        /// <summary>Period-over-period change as a decimal fraction (0.1 = 10 %).</summary>
        public double? PopChange { get; set; }
    }

    /// <summary>One period of a unit metric (GET /unit/metric/{id}).</summary>
    public sealed class UnitMetricDataPoint
    {
        public string UnitMetricId { get; set; } = string.Empty;
        public DateTime Date { get; set; }
        public string RawDate { get; set; } = string.Empty;
        public MetricGranularity Granularity { get; set; }
        public double? CurrentTimeframeNumerator { get; set; }
        public double? CurrentTimeframeDenominator { get; set; }
        public double? CurrentTimeframeUnitMetric { get; set; }
        public double? PreviousTimeframeNumerator { get; set; }
        public double? PreviousTimeframeDenominator { get; set; }
        public double? PreviousTimeframeUnitMetric { get; set; }
        public double? PopDiff { get; set; }
        public double? PopChange { get; set; }
        /// <summary>d_agg_func</summary>
        public string? DenominatorAggregation { get; set; }
        /// <summary>n_agg_func</summary>
        public string? NumeratorAggregation { get; set; }
    }
}
