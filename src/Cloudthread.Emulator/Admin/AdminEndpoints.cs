using System.Text.Json;
using System.Text.Json.Nodes;
using Cloudthread.Emulator.Http;
using Cloudthread.Emulator.Model;

namespace Cloudthread.Emulator.Admin;

/// <summary>
/// The <c>/_emulator/</c> endpoints tests drive: reset, dumps of stored data, faults and stats.
/// No API key, never faulted, not counted in stats.
/// </summary>
internal sealed class AdminEndpoints(EmulatorRuntime runtime)
{
    public const string Prefix = "/_emulator";

    public async Task HandleAsync(HttpContext context)
    {
        try
        {
            var response = await DispatchAsync(context).ConfigureAwait(false);
            await ResponseWriter.WriteJsonAsync(context, response.Status, response.Body).ConfigureAwait(false);
        }
        catch (ApiException error) when (!context.Response.HasStarted)
        {
            await ResponseWriter.WriteErrorAsync(context, error).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            // As on the API paths: a broken body (bad chunking, say) is the client's 400, not the emulator's 500.
            await ResponseWriter.WriteUnreadableRequestAsync(context, ex).ConfigureAwait(false);
        }
    }

    private async Task<ApiResponse> DispatchAsync(HttpContext context)
    {
        var path = (context.Request.Path.Value ?? string.Empty)[Prefix.Length..].TrimEnd('/');
        var method = context.Request.Method;
        return (method, path) switch
        {
            ("POST", "/reset") => Reset(),
            ("GET", "/custom-data") => ApiResponse.Ok(CustomData()),
            ("GET", "/events") => ApiResponse.Ok(Events()),
            ("GET", "/faults") => ApiResponse.Ok(FaultsJson(runtime.Faults.Settings)),
            ("PUT", "/faults") => await SetFaultsAsync(context).ConfigureAwait(false),
            ("GET", "/stats") => ApiResponse.Ok(Stats()),
            (_, "/reset" or "/custom-data" or "/events" or "/faults" or "/stats") =>
                throw new ApiException(405, ErrorCodes.MethodNotAllowed, $"Method {method} is not allowed on {context.Request.Path}."),
            _ => throw new ApiException(404, ErrorCodes.NotFound, $"No emulator admin endpoint at {context.Request.Path}."),
        };
    }

    private ApiResponse Reset()
    {
        runtime.State.Reset();
        runtime.Faults.Settings = new FaultSettings();
        runtime.Stats.Reset();
        return ApiResponse.Ok(new JsonObject { ["reset"] = true });
    }

    private JsonArray CustomData()
    {
        var result = new JsonArray();
        foreach (var record in runtime.State.DumpCustomData())
        {
            var dimensions = new JsonObject();
            foreach (var pair in record.Dimensions.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                dimensions[pair.Key] = pair.Value;
            }

            result.Add(new JsonObject
            {
                ["data_stream_token"] = record.Token,
                ["metric_name"] = record.MetricName,
                ["metric_agg_func"] = record.AggFunc,
                ["custom_dimensions"] = dimensions,
                ["timestamp"] = HourlyTimestamp.ToRfc3339(record.EpochSeconds),
                ["metric_value"] = record.Value,
            });
        }

        return result;
    }

    private JsonArray Events()
    {
        var result = new JsonArray();
        foreach (var item in runtime.State.DumpEvents())
        {
            result.Add(new JsonObject
            {
                ["timestamp"] = HourlyTimestamp.ToRfc3339(item.EpochSeconds),
                ["team_id"] = item.TeamId?.DeepClone(),
                ["payload"] = item.Payload.DeepClone(),
            });
        }

        return result;
    }

    private JsonObject Stats() => new()
    {
        ["requests"] = runtime.Stats.Requests,
        ["ingest_requests"] = runtime.Stats.IngestRequests,
        ["ingested_points"] = runtime.Stats.IngestedPoints,
        ["max_concurrent_requests"] = runtime.Stats.MaxConcurrentRequests,
        ["faults_injected"] = runtime.Stats.FaultsInjected,
    };

    private async Task<ApiResponse> SetFaultsAsync(HttpContext context)
    {
        using var raw = await RequestBodyReader.ReadAsync(context.Request, 1024 * 1024, context.RequestAborted).ConfigureAwait(false);
        using var document = RequestBodyReader.ParseJson(raw);
        var body = document?.RootElement ?? throw ApiException.Validation("body", "a JSON object of fault settings is required");
        var v = new Validation();
        v.RequireObject(body);

        var current = runtime.Faults.Settings;
        var updated = current with
        {
            ThrottleRate = ReadDouble(body, "throttle_rate", v) ?? current.ThrottleRate,
            RetryAfterSeconds = (int?)v.OptionalInteger(body, "retry_after_seconds", string.Empty) ?? current.RetryAfterSeconds,
            ErrorRate = ReadDouble(body, "error_rate", v) ?? current.ErrorRate,
            ErrorStatus = (int?)v.OptionalInteger(body, "error_status", string.Empty) ?? current.ErrorStatus,
            LatencyMs = (int?)v.OptionalInteger(body, "latency_ms", string.Empty) ?? current.LatencyMs,
            DropRate = ReadDouble(body, "drop_rate", v) ?? current.DropRate,
        };
        v.ThrowIfAny();
        if (updated.Validate() is { } problem)
        {
            throw ApiException.Validation("body", problem);
        }

        runtime.Faults.Settings = updated;
        return ApiResponse.Ok(FaultsJson(updated));
    }

    private static double? ReadDouble(JsonElement body, string name, Validation v) =>
        Validation.TryGet(body, name, out var value) ? v.ReadFiniteNumber(value, name) : null;

    private static JsonObject FaultsJson(FaultSettings settings) => new()
    {
        ["throttle_rate"] = settings.ThrottleRate,
        ["retry_after_seconds"] = settings.RetryAfterSeconds,
        ["error_rate"] = settings.ErrorRate,
        ["error_status"] = settings.ErrorStatus,
        ["latency_ms"] = settings.LatencyMs,
        ["drop_rate"] = settings.DropRate,
    };
}
