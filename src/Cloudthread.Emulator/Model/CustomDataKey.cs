namespace Cloudthread.Emulator.Model;

/// <summary>
/// Identity of a custom-data point: the record key (metric name, aggregation function, dimensions as
/// an order-independent set) plus the hour, as CONTRACT.md's upsert rule says. Its hash is computed once, when
/// the point is read, so that storing a request's points (under the state's lock) hashes no string.
/// </summary>
internal readonly struct CustomDataKey : IEquatable<CustomDataKey>
{
    private readonly int _hash;

    public CustomDataKey(string metricName, string aggFunc, DimensionSet dimensions, long epochSeconds)
        : this(metricName, aggFunc, dimensions, epochSeconds, Hash(metricName, aggFunc, dimensions, epochSeconds))
    {
    }

    /// <summary>With the hash already computed by <see cref="Hash"/> (a record keeps it).</summary>
    internal CustomDataKey(string metricName, string aggFunc, DimensionSet dimensions, long epochSeconds, int hash)
    {
        MetricName = metricName;
        AggFunc = aggFunc;
        Dimensions = dimensions;
        EpochSeconds = epochSeconds;
        _hash = hash;
    }

    public string MetricName { get; }

    public string AggFunc { get; }

    public DimensionSet Dimensions { get; }

    public long EpochSeconds { get; }

    public bool Equals(CustomDataKey other) =>
        _hash == other._hash && EpochSeconds == other.EpochSeconds &&
        string.Equals(MetricName, other.MetricName, StringComparison.Ordinal) &&
        string.Equals(AggFunc, other.AggFunc, StringComparison.Ordinal) &&
        Dimensions.Equals(other.Dimensions);

    public override bool Equals(object? obj) => obj is CustomDataKey other && Equals(other);

    public override int GetHashCode() => _hash;

    internal static int Hash(string metricName, string aggFunc, DimensionSet dimensions, long epochSeconds) =>
        HashCode.Combine(StringComparer.Ordinal.GetHashCode(metricName), StringComparer.Ordinal.GetHashCode(aggFunc), dimensions, epochSeconds);
}
