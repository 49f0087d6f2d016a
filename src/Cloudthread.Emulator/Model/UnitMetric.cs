namespace Cloudthread.Emulator.Model;

/// <summary>A unit metric: a cost view divided by a custom metric aggregated with its function.</summary>
internal sealed record UnitMetric(string Id, string Name, string NumeratorCostViewId, string DenominatorMetricName, string DenominatorAggFunc);
