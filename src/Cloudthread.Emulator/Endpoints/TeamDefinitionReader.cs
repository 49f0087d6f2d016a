using System.Text.Json;
using System.Text.Json.Nodes;
using Cloudthread.Emulator.Http;

namespace Cloudthread.Emulator.Endpoints;

/// <summary>Reads a CreateTeamRequest body into the stored team definition; unknown fields are ignored.</summary>
internal static class TeamDefinitionReader
{
    public static readonly IReadOnlyList<string> StringArrayFields =
    [
        "aws_account_ids", "aws_bill_payer_account_ids", "aws_region_names", "aws_services",
        "gcp_project_names", "gcp_billing_account_ids", "gcp_sku_ids", "gcp_locations", "gcp_services",
        "custom_stream_tokens", "custom_metric_names",
    ];

    public static readonly IReadOnlyList<string> ObjectArrayFields = ["aws_tags", "aws_account_tags", "gcp_labels", "custom_dimensions"];

    public const string PriorityField = "opportunity_priorities";

    /// <summary>
    /// Validates and returns the definition (fields in TeamResponse order; absent arrays as []).
    /// <paramref name="idOverride"/> (the path id of a PATCH) wins over the body's id.
    /// </summary>
    public static JsonObject Read(JsonElement body, Validation validation, string? idOverride)
    {
        var definition = new JsonObject();
        if (!validation.ExpectObject(body, string.Empty))
        {
            return definition;
        }

        var id = validation.RequiredName(body, "id", string.Empty);
        var name = validation.RequiredName(body, "name", string.Empty);
        var slack = validation.OptionalString(body, "slack_channel", string.Empty, allowEmpty: true);
        definition["id"] = idOverride ?? id;
        definition["name"] = name;
        if (!string.IsNullOrEmpty(slack))
        {
            definition["slack_channel"] = slack;
        }

        foreach (var field in StringArrayFields)
        {
            var values = validation.OptionalStringArray(body, field, string.Empty) ?? [];
            definition[field] = new JsonArray(values.Select(v => (JsonNode?)v).ToArray());
        }

        foreach (var field in ObjectArrayFields)
        {
            definition[field] = ReadObjectArray(body, field, validation);
        }

        definition[PriorityField] = ReadPriorities(body, validation);
        return definition;
    }

    private static JsonArray ReadObjectArray(JsonElement body, string field, Validation validation)
    {
        var result = new JsonArray();
        if (!Validation.TryGet(body, field, out var value))
        {
            return result;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            validation.Add(field, "must be an array of objects");
            return result;
        }

        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var path = Validation.Index(field, index++);
            if (validation.ExpectObject(item, path))
            {
                result.Add(JsonNode.Parse(item.GetRawText()));
            }
        }

        return result;
    }

    private static JsonArray ReadPriorities(JsonElement body, Validation validation)
    {
        var result = new JsonArray();
        if (!Validation.TryGet(body, PriorityField, out var value))
        {
            return result;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            validation.Add(PriorityField, "must be an array of integers");
            return result;
        }

        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var path = Validation.Index(PriorityField, index++);
            if (item.ValueKind == JsonValueKind.Number && item.TryGetInt32(out var priority))
            {
                result.Add(priority);
            }
            else
            {
                validation.Add(path, "must be an integer");
            }
        }

        return result;
    }
}
