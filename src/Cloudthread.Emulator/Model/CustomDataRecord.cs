using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cloudthread.Emulator.Model;

/// <summary>One stored custom-data point, with the token that last wrote it.</summary>
internal sealed record CustomDataRecord(
    string Token,
    string MetricName,
    string AggFunc,
    IReadOnlyList<KeyValuePair<string, string>> Dimensions,
    long EpochSeconds,
    double Value)
{
    public string DimensionsKey { get; } = CanonicalDimensions(Dimensions);

    public CustomDataKey Key => new(MetricName, AggFunc, DimensionsKey, EpochSeconds);

    /// <summary>Dimensions sorted by key (ordinal) as a compact JSON object: the order-independent identity.</summary>
    public static string CanonicalDimensions(IEnumerable<KeyValuePair<string, string>> dimensions)
    {
        var sorted = new JsonObject();
        foreach (var pair in dimensions.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            sorted[pair.Key] = pair.Value;
        }

        return sorted.ToJsonString();
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
