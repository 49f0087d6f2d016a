using System.Text.Json;
using System.Text.Json.Nodes;
using Cloudthread.Emulator.Http;
using Cloudthread.Emulator.Model;

namespace Cloudthread.Emulator.Endpoints;

/// <summary><c>POST /streams/ingest</c>: validates every point, then upserts all of them or none.</summary>
internal sealed class IngestEndpoint(EmulatorRuntime runtime)
{
    public const int MaxDimensions = 10;

    /// <summary>A thread keeps its list of points from body to body up to this many (clients send batches of 1000).</summary>
    private const int MaxReusedCapacity = 4096;

    internal static readonly KeyValuePair<string, string>[] NoDimensions = [];

    [ThreadStatic]
    private static List<CustomDataRecord>? t_records;

    public ApiResponse Handle(ApiRequest request)
    {
        var (token, records) = ReadBody(request.RequiredBody);
        return Store(token, records);
    }

    /// <summary>
    /// The same answer from the body's bytes when <see cref="PlainIngestBodyReader"/> can read them (what clients
    /// send), without a parsed document; null for any other body, which <see cref="Handle"/> then gets.
    /// </summary>
    public ApiResponse? TryHandlePlainBody(ReadOnlySpan<byte> utf8Json)
    {
        // Read, checked and stored synchronously: a thread's list serves one body at a time.
        var records = t_records ?? [];
        t_records = null;
        try
        {
            return PlainIngestBodyReader.TryRead(utf8Json, records, out var token) ? Store(token, records) : null;
        }
        finally
        {
            records.Clear();
            if (records.Capacity <= MaxReusedCapacity)
            {
                t_records = records;
            }
        }
    }

    /// <summary>The token and the points of a parsed body, or a 400 naming every problem.</summary>
    internal static (string Token, List<CustomDataRecord> Records) ReadBody(JsonElement body)
    {
        var validation = new Validation();
        validation.RequireObject(body);

        var token = validation.RequiredString(body, "data_stream_token", string.Empty);
        var aggFunc = validation.RequiredString(body, "metric_agg_func", string.Empty);
        if (aggFunc is not null && !AggFunc.IsValid(aggFunc))
        {
            validation.Add("metric_agg_func", "must be exactly one of Sum, Average, Maximum, Minimum");
            aggFunc = null;
        }

        // Paths such as data[12].timestamp are made only for a field that is wrong: this runs for every point.
        var records = new List<CustomDataRecord>();
        if (validation.TryGetBatch(body, out var data))
        {
            records.Capacity = data.GetArrayLength();
            var index = 0;
            foreach (var item in data.EnumerateArray())
            {
                var point = ReadPoint(item, index++, validation);
                if (point is { } p && token is not null && aggFunc is not null && !validation.HasErrors)
                {
                    records.Add(new CustomDataRecord(token, p.Metric, aggFunc, p.Dimensions, p.Timestamp, p.Value));
                }
            }
        }

        validation.ThrowIfAny();
        return (token!, records);
    }

    /// <summary>Valid points of a known stream are stored, all of them at once.</summary>
    private ApiResponse Store(string token, List<CustomDataRecord> records)
    {
        if (!runtime.StreamTokens.Contains(token))
        {
            throw new ApiException(404, ErrorCodes.StreamNotFound, "No data stream has this data_stream_token; nothing was stored.",
                [new ErrorDetail("data_stream_token", "unknown data stream token")]);
        }

        runtime.State.UpsertCustomData(records);
        runtime.Stats.CountIngest(records.Count);
        return ApiResponse.Created(new JsonObject { ["ingested"] = records.Count });
    }

    private static (long Timestamp, string Metric, double Value, IReadOnlyList<KeyValuePair<string, string>> Dimensions)? ReadPoint(JsonElement item, int index, Validation validation)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            validation.Add(Validation.Index("data", index), "must be an object");
            return null;
        }

        long? timestamp = null;
        if (!Validation.TryGet(item, "timestamp"u8, out var ts))
        {
            validation.Add(Field(index, "timestamp"), "is required");
        }
        else if (HourlyTimestamp.TryRead(ts, out var seconds, out var problem))
        {
            timestamp = seconds;
        }
        else
        {
            validation.Add(Field(index, "timestamp"), problem!);
        }

        string? metric = null;
        if (Validation.TryGet(item, "metric_name"u8, out var name) && name.ValueKind == JsonValueKind.String && name.GetString() is { } text && !string.IsNullOrWhiteSpace(text))
        {
            metric = Validation.IndexOfControlCharacter(text) < 0 || validation.CheckNoControlCharacters(text, Field(index, "metric_name")) ? text : null;
        }
        else
        {
            // Absent, not a string or blank: the shared rule says which, under the field's path.
            validation.RequiredString(item, "metric_name", Validation.Index("data", index));
        }

        double? value = null;
        if (Validation.TryGet(item, "metric_value"u8, out var rawValue))
        {
            value = rawValue.ValueKind == JsonValueKind.Number && rawValue.TryGetDouble(out var number) && double.IsFinite(number)
                ? number
                : validation.ReadFiniteNumber(rawValue, Field(index, "metric_value"));
        }
        else
        {
            validation.Add(Field(index, "metric_value"), "is required");
        }

        var dimensions = ReadDimensions(item, index, validation);
        if (timestamp is null || metric is null || value is null || dimensions is null)
        {
            return null;
        }

        return (timestamp.Value, metric, value.Value, dimensions);
    }

    private static IReadOnlyList<KeyValuePair<string, string>>? ReadDimensions(JsonElement item, int index, Validation validation)
    {
        if (!Validation.TryGet(item, "custom_dimensions"u8, out var raw))
        {
            return NoDimensions;
        }

        if (raw.ValueKind != JsonValueKind.Object)
        {
            validation.Add(Field(index, "custom_dimensions"), "must be an object mapping strings to strings");
            return null;
        }

        var ok = true;
        var result = new List<KeyValuePair<string, string>>(raw.GetPropertyCount());
        HashSet<string>? seen = null;
        foreach (var property in raw.EnumerateObject())
        {
            var key = property.Name;
            if (string.IsNullOrWhiteSpace(key))
            {
                validation.Add(Field(index, "custom_dimensions"), "keys must not be empty");
                ok = false;
            }
            else if (Validation.IndexOfControlCharacter(key) >= 0)
            {
                validation.CheckNoControlCharacters(key, Field(index, "custom_dimensions") + " (a key)");
                ok = false;
            }
            else if (property.Value.ValueKind != JsonValueKind.String)
            {
                validation.Add(Validation.Join(Field(index, "custom_dimensions"), key), "must be a string");
                ok = false;
            }
            else if (!IsFirst(key, result, ref seen))
            {
                validation.Add(Validation.Join(Field(index, "custom_dimensions"), key), "is given more than once");
                ok = false;
            }
            else
            {
                result.Add(new KeyValuePair<string, string>(key, property.Value.GetString()!));
            }
        }

        if (result.Count > MaxDimensions)
        {
            validation.Add(Field(index, "custom_dimensions"), $"must have at most {MaxDimensions} pairs (has {result.Count})");
            ok = false;
        }

        return ok ? result : null;
    }

    /// <summary>Whether <paramref name="key"/> is new among the pairs kept so far: a scan while there are few, a set past that.</summary>
    private static bool IsFirst(string key, List<KeyValuePair<string, string>> kept, ref HashSet<string>? seen)
    {
        if (seen is null && kept.Count < 16)
        {
            foreach (var pair in kept)
            {
                if (string.Equals(pair.Key, key, StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }

        seen ??= new HashSet<string>(kept.Select(pair => pair.Key), StringComparer.Ordinal);
        return seen.Add(key);
    }

    private static string Field(int index, string name) => Validation.Join(Validation.Index("data", index), name);
}
