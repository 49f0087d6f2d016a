using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Cloudthread.Emulator.Model;

/// <summary>
/// One custom-data point, with the token that wrote it. A value, not an object: a request's points are read into
/// a list that is reused, and storing them allocates nothing per point.
/// </summary>
internal readonly struct CustomDataRecord
{
    private readonly int _keyHash;

    public CustomDataRecord(string token, string metricName, string aggFunc, IReadOnlyList<KeyValuePair<string, string>> dimensions, long epochSeconds, double value)
        : this(token, metricName, aggFunc, dimensions, new DimensionSet(dimensions), epochSeconds, value)
    {
    }

    /// <summary>With the set of <paramref name="dimensions"/> already made: points that have the same dimensions share one.</summary>
    public CustomDataRecord(string token, string metricName, string aggFunc, IReadOnlyList<KeyValuePair<string, string>> dimensions, DimensionSet dimensionSet,
        long epochSeconds, double value)
    {
        Token = token;
        MetricName = metricName;
        AggFunc = aggFunc;
        Dimensions = dimensions;
        DimensionSet = dimensionSet;
        EpochSeconds = epochSeconds;
        Value = value;
        _keyHash = CustomDataKey.Hash(metricName, aggFunc, dimensionSet, epochSeconds);
    }

    public string Token { get; }

    public string MetricName { get; }

    public string AggFunc { get; }

    /// <summary>The pairs as the request gave them (in key order once stored: the state keeps only the set).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Dimensions { get; }

    public DimensionSet DimensionSet { get; }

    public long EpochSeconds { get; }

    public double Value { get; }

    /// <summary>The canonical JSON of the dimensions, as stored in SQLite and used to order dumps.</summary>
    public string DimensionsKey => DimensionSet.Canonical;

    /// <summary>The point's identity; its hash was computed with the record, outside the state's lock.</summary>
    public CustomDataKey Key => new(MetricName, AggFunc, DimensionSet, EpochSeconds, _keyHash);

    /// <summary>Dimensions already sorted by key (a <see cref="Model.DimensionSet"/>) as a compact JSON object.</summary>
    /// <remarks>
    /// Written with <see cref="Utf8JsonWriter"/>'s default encoder, which is what <c>JsonObject.ToJsonString()</c> uses, so
    /// keys stored by earlier versions (SQLite data files) stay equal.
    /// </remarks>
    public static string CanonicalDimensions(IReadOnlyList<KeyValuePair<string, string>> sortedDimensions)
    {
        if (sortedDimensions.Count == 0)
        {
            return "{}";
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var pair in sortedDimensions)
            {
                writer.WriteString(pair.Key, pair.Value);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static List<KeyValuePair<string, string>> ParseDimensions(string canonical)
    {
        var result = new List<KeyValuePair<string, string>>();
        using var document = JsonDocument.Parse(canonical);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            result.Add(new KeyValuePair<string, string>(property.Name, property.Value.GetString() ?? string.Empty));
        }

        return result;
    }
}
