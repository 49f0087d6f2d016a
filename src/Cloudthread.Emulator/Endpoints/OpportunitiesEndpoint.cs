using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cloudthread.Emulator.Http;
using Cloudthread.Emulator.Model;

namespace Cloudthread.Emulator.Endpoints;

/// <summary>
/// <c>POST /cost-optimization/opportunities/list</c>: every GetOpportunitiesQuery field is an optional
/// filter; given filters combine with AND. An empty body lists everything.
/// </summary>
internal sealed class OpportunitiesEndpoint(EmulatorRuntime runtime)
{
    public ApiResponse Handle(ApiRequest request)
    {
        var filters = ReadFilters(request.Body);
        var matches = runtime.State.Seed.Opportunities.Where(o => filters.All(f => f(o)));
        return ApiResponse.Ok(new JsonArray(matches.Select(o => (JsonNode?)ToJson(o)).ToArray()));
    }

    private static List<Func<Opportunity, bool>> ReadFilters(JsonElement? body)
    {
        var filters = new List<Func<Opportunity, bool>>();
        if (body is not { } query)
        {
            return filters;
        }

        var v = new Validation();
        if (!v.ExpectObject(query, string.Empty))
        {
            v.ThrowIfAny();
        }

        AddText(filters, v.OptionalString(query, "opportunity_type_id", string.Empty), o => o.OpportunityTypeId);
        AddText(filters, v.OptionalString(query, "status", string.Empty), o => o.Status);
        AddText(filters, v.OptionalString(query, "account", string.Empty), o => o.Account);
        AddText(filters, v.OptionalString(query, "region", string.Empty), o => o.Region);
        AddText(filters, v.OptionalString(query, "service", string.Empty), o => o.Service);
        AddText(filters, v.OptionalString(query, "category", string.Empty), o => o.Category);
        AddText(filters, v.OptionalString(query, "record_id", string.Empty), o => o.RecordId);
        AddText(filters, v.OptionalString(query, "source", string.Empty), o => o.Source);
        AddText(filters, v.OptionalString(query, "github_pr_key", string.Empty), o => o.GithubPrKey);

        if (v.OptionalBoolean(query, "code_automation", string.Empty) is bool automation)
        {
            filters.Add(o => o.CodeAutomation == automation);
        }

        if (v.OptionalBoolean(query, "details", string.Empty) is bool details)
        {
            filters.Add(o => (o.Details is { Count: > 0 }) == details);
        }

        if (v.OptionalInteger(query, "thread_id", string.Empty) is long thread)
        {
            filters.Add(o => o.ThreadId == thread);
        }

        if (v.OptionalInteger(query, "secondary_id", string.Empty) is long secondary)
        {
            filters.Add(o => o.SecondaryId == secondary);
        }

        if (v.OptionalInteger(query, "priority", string.Empty) is long priority)
        {
            filters.Add(o => o.Priority == priority);
        }

        AddDateRange(filters, v, query, "last_detected", o => o.LastDetectedAt);
        AddDateRange(filters, v, query, "status_updated", o => o.StatusUpdatedAt);
        AddTags(filters, v, query);
        v.ThrowIfAny();
        return filters;
    }

    private static void AddText(List<Func<Opportunity, bool>> filters, string? wanted, Func<Opportunity, string?> field)
    {
        if (wanted is not null)
        {
            filters.Add(o => string.Equals(field(o), wanted, StringComparison.Ordinal));
        }
    }

    private static void AddDateRange(List<Func<Opportunity, bool>> filters, Validation v, JsonElement query, string prefix, Func<Opportunity, DateTimeOffset> field)
    {
        var startName = prefix + "_start_date";
        var endName = prefix + "_end_date";
        var start = v.ReadDate(v.OptionalString(query, startName, string.Empty), startName, required: false);
        var end = v.ReadDate(v.OptionalString(query, endName, string.Empty), endName, required: false);
        if (start is { } s)
        {
            filters.Add(o => DateOnly.FromDateTime(field(o).UtcDateTime) >= s);
        }

        if (end is { } e)
        {
            filters.Add(o => DateOnly.FromDateTime(field(o).UtcDateTime) <= e);
        }

        if (start > end)
        {
            v.Add(startName, $"must not be after {endName}");
        }
    }

    private static void AddTags(List<Func<Opportunity, bool>> filters, Validation v, JsonElement query)
    {
        if (!Validation.TryGet(query, "tags", out var tags))
        {
            return;
        }

        if (tags.ValueKind != JsonValueKind.Array)
        {
            v.Add("tags", "must be an array of {\"Key\", \"Value\"} objects");
            return;
        }

        var index = 0;
        foreach (var tag in tags.EnumerateArray())
        {
            var path = Validation.Index("tags", index++);
            if (!v.ExpectObject(tag, path))
            {
                continue;
            }

            var key = v.RequiredString(tag, "Key", path);
            var value = v.OptionalString(tag, "Value", path);
            if (key is not null)
            {
                filters.Add(o => o.Tags.Any(t => t.Key == key && (value is null || t.Value == value)));
            }
        }
    }

    private static JsonObject ToJson(Opportunity o)
    {
        var json = new JsonObject
        {
            ["id"] = o.Id,
            ["source"] = o.Source,
            ["opportunity_details"] = o.Details?.DeepClone() ?? new JsonObject(),
            ["opportunity_type_id"] = o.OpportunityTypeId,
            ["cost_impact"] = o.CostImpact,
            ["record_id"] = o.RecordId,
            ["status_updated_at"] = Format(o.StatusUpdatedAt),
            ["created_at"] = Format(o.CreatedAt),
            ["status"] = o.Status,
            ["last_detected_at"] = Format(o.LastDetectedAt),
        };
        if (o.ThreadId is long thread)
        {
            json["thread_id"] = thread;
        }

        if (o.GithubPrKey is not null)
        {
            json["github_pr_key"] = o.GithubPrKey;
        }

        return json;
    }

    private static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
