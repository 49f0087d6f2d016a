using System.Text.Json;
using System.Text.Json.Nodes;
using Cloudthread.Emulator.Http;
using Cloudthread.Emulator.Model;

namespace Cloudthread.Emulator.Endpoints;

/// <summary><c>POST /streams/ingest</c>: validates every point, then upserts all of them or none.</summary>
internal sealed class IngestEndpoint(EmulatorRuntime runtime)
{
    public const int MaxDimensions = 10;

    public ApiResponse Handle(ApiRequest request)
    {
        var body = request.RequiredBody;
        var validation = new Validation();
        if (!validation.ExpectObject(body, string.Empty))
        {
            validation.ThrowIfAny();
        }

        var token = validation.RequiredString(body, "data_stream_token", string.Empty);
        var aggFunc = validation.RequiredString(body, "metric_agg_func", string.Empty);
        if (aggFunc is not null && !AggFunc.IsValid(aggFunc))
        {
            validation.Add("metric_agg_func", "must be exactly one of Sum, Average, Maximum, Minimum");
            aggFunc = null;
        }

        var points = new List<(long Timestamp, string Metric, double Value, List<KeyValuePair<string, string>> Dimensions)>();
        if (!Validation.TryGet(body, "data", out var data))
        {
            validation.Add("data", "is required");
        }
        else if (data.ValueKind != JsonValueKind.Array)
        {
            validation.Add("data", "must be an array");
        }
        else if (data.GetArrayLength() == 0)
        {
            validation.Add("data", "must not be empty");
        }
        else
        {
            var index = 0;
            foreach (var item in data.EnumerateArray())
            {
                var point = ReadPoint(item, Validation.Index("data", index++), validation);
                if (point is { } p)
                {
                    points.Add(p);
                }
            }
        }

        validation.ThrowIfAny();
        if (!runtime.StreamTokens.Contains(token!))
        {
            throw new ApiException(404, ErrorCodes.StreamNotFound, "No data stream has this data_stream_token; nothing was stored.",
                [new ErrorDetail("data_stream_token", "unknown data stream token")]);
        }

        var records = points
            .Select(p => new CustomDataRecord(token!, p.Metric, aggFunc!, p.Dimensions, p.Timestamp, p.Value))
            .ToList();
        runtime.State.UpsertCustomData(records);
        runtime.Stats.CountIngest(records.Count);
        return ApiResponse.Created(new JsonObject { ["ingested"] = records.Count });
    }

    private static (long, string, double, List<KeyValuePair<string, string>>)? ReadPoint(JsonElement item, string path, Validation validation)
    {
        if (!validation.ExpectObject(item, path))
        {
            return null;
        }

        long? timestamp = null;
        if (Validation.TryGet(item, "timestamp", out var ts))
        {
            timestamp = HourlyTimestamp.Read(ts, Validation.Join(path, "timestamp"), validation);
        }
        else
        {
            validation.Add(Validation.Join(path, "timestamp"), "is required");
        }

        var metric = validation.RequiredString(item, "metric_name", path);
        double? value = null;
        if (Validation.TryGet(item, "metric_value", out var rawValue))
        {
            value = validation.ReadFiniteNumber(rawValue, Validation.Join(path, "metric_value"));
        }
        else
        {
            validation.Add(Validation.Join(path, "metric_value"), "is required");
        }

        var dimensions = ReadDimensions(item, path, validation);
        if (timestamp is null || metric is null || value is null || dimensions is null)
        {
            return null;
        }

        return (timestamp.Value, metric, value.Value, dimensions);
    }

    private static List<KeyValuePair<string, string>>? ReadDimensions(JsonElement item, string path, Validation validation)
    {
        var result = new List<KeyValuePair<string, string>>();
        if (!Validation.TryGet(item, "custom_dimensions", out var raw))
        {
            return result;
        }

        var fieldPath = Validation.Join(path, "custom_dimensions");
        if (raw.ValueKind != JsonValueKind.Object)
        {
            validation.Add(fieldPath, "must be an object mapping strings to strings");
            return null;
        }

        var ok = true;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in raw.EnumerateObject())
        {
            var propertyPath = Validation.Join(fieldPath, property.Name);
            if (property.Name.Trim().Length == 0)
            {
                validation.Add(fieldPath, "keys must not be empty");
                ok = false;
            }
            else if (property.Value.ValueKind != JsonValueKind.String)
            {
                validation.Add(propertyPath, "must be a string");
                ok = false;
            }
            else if (!seen.Add(property.Name))
            {
                validation.Add(propertyPath, "is given more than once");
                ok = false;
            }
            else
            {
                result.Add(new KeyValuePair<string, string>(property.Name, property.Value.GetString()!));
            }
        }

        if (seen.Count > MaxDimensions)
        {
            validation.Add(fieldPath, $"must have at most {MaxDimensions} pairs (has {seen.Count})");
            ok = false;
        }

        return ok ? result : null;
    }
}
