namespace Cloudthread.Emulator.Model;

/// <summary>
/// Identity of a custom-data point: the record key (metric name, aggregation function, dimensions as
/// an order-independent set) plus the hour, as CONTRACT.md's upsert rule says.
/// </summary>
internal readonly record struct CustomDataKey(string MetricName, string AggFunc, DimensionSet Dimensions, long EpochSeconds);
