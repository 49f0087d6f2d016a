using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Serialization.Metadata;
using Cloudthread.Client.Http;
using Cloudthread.Client.Models;
using Cloudthread.Client.Serialization;
using Cloudthread.Client.Validation;

namespace Cloudthread.Client.Operations
{
    /// <summary>GET /cost/metric/{id} and GET /unit/metric/{id}: request building and answer parsing.</summary>
    internal static class MetricsApi
    {
        private static readonly string[] DateFormats = { "yyyyMMdd", "yyyyMMddHH", "yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm:ss" };

        public static ApiRequest BuildCostView(string? costViewId, MetricQuery? query) => Build("/cost/metric/", costViewId, query);

        public static ApiRequest BuildUnitMetric(string? unitMetricId, MetricQuery? query) => Build("/unit/metric/", unitMetricId, query);

        private static ApiRequest Build(string prefix, string? id, MetricQuery? query)
        {
            MetricQueryValidator.Validate(id, query);
            var request = WireJson.Get(prefix + PathSegments.Escape(id!));
            AddQuery(request.Query, query!);
            return request;
        }

        internal static void AddQuery(IList<KeyValuePair<string, string>> target, MetricQuery query)
        {
            target.Add(new KeyValuePair<string, string>("start_date", MetricQueryValidator.Day(query.Start)));
            target.Add(new KeyValuePair<string, string>("end_date", MetricQueryValidator.Day(query.End)));
            target.Add(new KeyValuePair<string, string>("granularity", GranularityName(query.Granularity)));
            if (!string.IsNullOrEmpty(query.CostType))
            {
                target.Add(new KeyValuePair<string, string>("cost_type", query.CostType!));
            }

            if (query.Amortization is bool amortization)
            {
                target.Add(new KeyValuePair<string, string>("amortization", amortization ? "true" : "false"));
            }

            if (query.Exclude is { Count: > 0 })
            {
                target.Add(new KeyValuePair<string, string>("exclude", string.Join(",", query.Exclude)));
            }
        }

        public static string GranularityName(MetricGranularity granularity) => granularity switch
        {
            MetricGranularity.Hour => "hour",
            MetricGranularity.Day => "day",
            MetricGranularity.Week => "week",
            MetricGranularity.Month => "month",
            MetricGranularity.Quarter => "quarter",
            MetricGranularity.Year => "year",
            _ => throw new ArgumentOutOfRangeException(nameof(granularity)),
        };

        public static IReadOnlyList<CostViewDataPoint> ParseCostView(ApiRequest request, ApiResponse response, string costViewId, MetricGranularity granularity) =>
            Rows(request, response, CloudthreadJsonContext.Default.ListCostViewPointWire, CloudthreadJsonContext.Default.MetricDataWireCostViewPointWire)
                .Select(row => new CostViewDataPoint
                {
                    CostViewId = costViewId,
                    Date = ParseDate(row.Date),
                    RawDate = row.Date ?? string.Empty,
                    Granularity = granularity,
                    CurrentTimeframeCost = row.CurrentTimeframeCost,
                    PreviousTimeframeCost = row.PreviousTimeframeCost,
                    PopDiff = row.PopDiff,
                    PopChange = row.PopChange,
                })
                .ToList();

        public static IReadOnlyList<UnitMetricDataPoint> ParseUnitMetric(ApiRequest request, ApiResponse response, string unitMetricId, MetricGranularity granularity) =>
            Rows(request, response, CloudthreadJsonContext.Default.ListUnitMetricPointWire, CloudthreadJsonContext.Default.MetricDataWireUnitMetricPointWire)
                .Select(row => new UnitMetricDataPoint
                {
                    UnitMetricId = unitMetricId,
                    Date = ParseDate(row.Date),
                    RawDate = row.Date ?? string.Empty,
                    Granularity = granularity,
                    CurrentTimeframeNumerator = row.CurrentTimeframeNumerator,
                    CurrentTimeframeDenominator = row.CurrentTimeframeDenominator,
                    CurrentTimeframeUnitMetric = row.CurrentTimeframeUnitMetric,
                    PreviousTimeframeNumerator = row.PreviousTimeframeNumerator,
                    PreviousTimeframeDenominator = row.PreviousTimeframeDenominator,
                    PreviousTimeframeUnitMetric = row.PreviousTimeframeUnitMetric,
                    PopDiff = row.PopDiff,
                    PopChange = row.PopChange,
                    DenominatorAggregation = row.DAggFunc,
                    NumeratorAggregation = row.NAggFunc,
                })
                .ToList();

        /// <summary>The rows of a metric answer, without nulls: the spec wraps them in {"data": [...]}; a bare array is accepted too.</summary>
        private static IReadOnlyList<TRow> Rows<TRow>(ApiRequest request, ApiResponse response, JsonTypeInfo<List<TRow>> bare, JsonTypeInfo<MetricDataWire<TRow>> wrapped)
            where TRow : class =>
            WireJson.WithoutNulls(WireJson.FirstSignificant(response.Body) == '['
                ? WireJson.Read(request, response, bare)
                : WireJson.Read(request, response, wrapped)?.Data);

        /// <summary>YYYYMMDD or YYYYMMDDHH (plus ISO forms, leniently) to a DateTime of kind Unspecified; default when unreadable (RawDate keeps the text).</summary>
        internal static DateTime ParseDate(string? raw) =>
            raw is not null && DateTime.TryParseExact(raw.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? DateTime.SpecifyKind(date, DateTimeKind.Unspecified)
                : default;
    }
}
