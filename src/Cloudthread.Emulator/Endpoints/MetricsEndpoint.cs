using System.Text.Json.Nodes;
using Cloudthread.Emulator.Http;
using Cloudthread.Emulator.Metrics;
using Cloudthread.Emulator.Model;

namespace Cloudthread.Emulator.Endpoints;

/// <summary>
/// <c>GET /cost/metric/{id}</c> and <c>GET /unit/metric/{id}</c>. Unit metrics are recomputed on each
/// query from the custom data stored at that moment.
/// </summary>
internal sealed class MetricsEndpoint(EmulatorRuntime runtime)
{
    public ApiResponse Cost(ApiRequest request)
    {
        var view = FindView(request.Route("metric_id"));
        var query = MetricQuery.Parse(request);
        var rows = new JsonArray();
        foreach (var period in Periods.Split(query))
        {
            var previousPeriod = Periods.Previous(period, query);
            var current = Round(CostModel.Cost(view, period.Start, period.End, query.Scale), 2);
            var previous = Round(CostModel.Cost(view, previousPeriod.Start, previousPeriod.End, query.Scale), 2);
            rows.Add(new JsonObject
            {
                ["current_timeframe_cost"] = current,
                ["previous_timeframe_cost"] = previous,
                ["pop_diff"] = Round(current - previous, 2),
                ["pop_change"] = Change(current, previous),
                ["date"] = period.Label,
            });
        }

        return ApiResponse.Ok(new JsonObject { ["data"] = rows });
    }

    public ApiResponse Unit(ApiRequest request)
    {
        var id = request.Route("metric_id");
        var metric = runtime.State.Seed.UnitMetrics.FirstOrDefault(m => m.Id == id)
            ?? throw ApiException.NotFound(ErrorCodes.MetricNotFound, $"No unit metric with id '{id}'.");
        var view = FindView(metric.NumeratorCostViewId);
        var query = MetricQuery.Parse(request);
        var points = runtime.State.GetCustomPoints(metric.DenominatorMetricName, metric.DenominatorAggFunc);
        var rows = new JsonArray();
        foreach (var period in Periods.Split(query))
        {
            var previousPeriod = Periods.Previous(period, query);
            var numerator = Round(CostModel.Cost(view, period.Start, period.End, query.Scale), 2);
            var previousNumerator = Round(CostModel.Cost(view, previousPeriod.Start, previousPeriod.End, query.Scale), 2);
            var denominator = Round(Aggregate(points, period, metric.DenominatorAggFunc), 6);
            var previousDenominator = Round(Aggregate(points, previousPeriod, metric.DenominatorAggFunc), 6);
            var unit = Divide(numerator, denominator);
            var previousUnit = Divide(previousNumerator, previousDenominator);
            rows.Add(new JsonObject
            {
                ["current_timeframe_denominator"] = denominator,
                ["current_timeframe_numerator"] = numerator,
                ["current_timeframe_unit_metric"] = unit,
                ["previous_timeframe_denominator"] = previousDenominator,
                ["previous_timeframe_numerator"] = previousNumerator,
                ["previous_timeframe_unit_metric"] = previousUnit,
                ["pop_diff"] = Round(unit - previousUnit, 8),
                ["pop_change"] = Change(unit, previousUnit),
                ["d_agg_func"] = metric.DenominatorAggFunc.ToUpperInvariant(),
                ["n_agg_func"] = "SUM",
                ["date"] = period.Label,
            });
        }

        return ApiResponse.Ok(new JsonObject { ["data"] = rows });
    }

    /// <summary>Aggregates the points in the period with the metric's function; no points gives 0.</summary>
    internal static double Aggregate(List<(long EpochSeconds, double Value)> points, Period period, string aggFunc)
    {
        var from = new DateTimeOffset(period.Start, TimeSpan.Zero).ToUnixTimeSeconds();
        var to = new DateTimeOffset(period.End, TimeSpan.Zero).ToUnixTimeSeconds();
        var values = points.Where(p => p.EpochSeconds >= from && p.EpochSeconds < to).Select(p => p.Value).ToList();
        if (values.Count == 0)
        {
            return 0;
        }

        return aggFunc switch
        {
            AggFunc.Sum => values.Sum(),
            AggFunc.Average => values.Average(),
            AggFunc.Maximum => values.Max(),
            _ => values.Min(),
        };
    }

    private CostView FindView(string id) =>
        runtime.State.Seed.CostViews.FirstOrDefault(v => v.Id == id)
        ?? throw ApiException.NotFound(ErrorCodes.MetricNotFound, $"No cost view with id '{id}'.");

    private static double Divide(double numerator, double denominator) => denominator == 0 ? 0 : Round(numerator / denominator, 8);

    private static double Change(double current, double previous) => previous == 0 ? 0 : Round((current - previous) / previous, 6);

    private static double Round(double value, int digits) => Math.Round(value, digits, MidpointRounding.AwayFromZero);
}
