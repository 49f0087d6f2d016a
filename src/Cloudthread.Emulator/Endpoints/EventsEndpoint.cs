using System.Text.Json;
using System.Text.Json.Nodes;
using Cloudthread.Emulator.Http;
using Cloudthread.Emulator.Model;

namespace Cloudthread.Emulator.Endpoints;

/// <summary><c>POST /events</c>: validates every event, checks teams, stores all or none.</summary>
internal sealed class EventsEndpoint(EmulatorRuntime runtime)
{
    public const int MaxDescriptionLength = 1000;

    public ApiResponse Handle(ApiRequest request)
    {
        var body = request.RequiredBody;
        var validation = new Validation();
        validation.RequireObject(body);

        var events = new List<EventRecord>();
        var teamReferences = new List<(string Path, string TeamId)>();
        if (validation.TryGetBatch(body, out var data))
        {
            var index = 0;
            foreach (var item in data.EnumerateArray())
            {
                var path = Validation.Index("data", index++);
                var record = ReadEvent(item, path, validation, out var teamId);
                if (record is not null)
                {
                    events.Add(record);
                    if (teamId is not null)
                    {
                        teamReferences.Add((Validation.Join(path, "team_id"), teamId));
                    }
                }
            }
        }

        validation.ThrowIfAny();
        runtime.State.AddEvents(events, teamReferences);
        return ApiResponse.Created(new JsonObject { ["ingested"] = events.Count });
    }

    private static EventRecord? ReadEvent(JsonElement item, string path, Validation validation, out string? teamId)
    {
        teamId = null;
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

        JsonNode? teamNode = null;
        var teamOk = true;
        if (Validation.TryGet(item, "team_id", out var team))
        {
            var teamPath = Validation.Join(path, "team_id");
            if (team.ValueKind == JsonValueKind.Number && team.TryGetInt64(out var number))
            {
                teamId = number.ToString(System.Globalization.CultureInfo.InvariantCulture);
                teamNode = JsonValue.Create(number);
            }
            else if (team.ValueKind == JsonValueKind.String && team.GetString()!.Trim().Length > 0)
            {
                teamId = team.GetString()!;
                teamNode = JsonValue.Create(teamId);
            }
            else
            {
                validation.Add(teamPath, "must be an integer or a non-empty string naming a team");
                teamOk = false;
            }
        }

        var payload = ReadPayload(item, Validation.Join(path, "payload"), validation);
        if (timestamp is null || payload is null || !teamOk)
        {
            teamId = null;
            return null;
        }

        return new EventRecord(timestamp.Value, teamNode, payload);
    }

    private static JsonObject? ReadPayload(JsonElement item, string path, Validation validation)
    {
        if (!Validation.TryGet(item, "payload", out var payload))
        {
            validation.Add(path, "is required");
            return null;
        }

        if (!validation.ExpectObject(payload, path))
        {
            return null;
        }

        var type = validation.RequiredString(payload, "type", path);
        var description = validation.OptionalString(payload, "description", path);
        var url = validation.OptionalString(payload, "event_url", path);
        var ok = type is not null;
        if (description is not null && description.Length > MaxDescriptionLength)
        {
            validation.Add(Validation.Join(path, "description"), $"must be at most {MaxDescriptionLength} characters (has {description.Length})");
            ok = false;
        }

        if (url is not null && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
        {
            validation.Add(Validation.Join(path, "event_url"), "must be an absolute http or https URL");
            ok = false;
        }

        if (!ok || (Validation.TryGet(payload, "description", out _) && description is null) ||
            (Validation.TryGet(payload, "event_url", out _) && url is null))
        {
            return null;
        }

        var result = new JsonObject { ["type"] = type };
        if (description is not null)
        {
            result["description"] = description;
        }

        if (url is not null)
        {
            result["event_url"] = url;
        }

        return result;
    }
}
