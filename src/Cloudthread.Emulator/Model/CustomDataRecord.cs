using System.Buffers;
using System.Text;
using System.Text.Json;

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
    public DimensionSet DimensionSet { get; } = new(Dimensions);

    /// <summary>The canonical JSON of the dimensions, as stored in SQLite and used to order dumps.</summary>
    public string DimensionsKey => DimensionSet.Canonical;

    public CustomDataKey Key => new(MetricName, AggFunc, DimensionSet, EpochSeconds);

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
