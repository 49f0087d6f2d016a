using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cloudthread.Emulator.Endpoints;
using Cloudthread.Emulator.Http;
using Cloudthread.Emulator.Model;

namespace Cloudthread.Emulator.Seed;

/// <summary>
/// Reads a seed file (the JSON shape in docs/emulator.md) into an org. Every problem is reported
/// with its JSON path; a bad seed file stops the start with an <see cref="InvalidDataException"/>.
/// </summary>
internal static class SeedFileReader
{
    public static OrgSeed Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"Cannot read seed file '{path}': {ex.Message}", ex);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"Seed file '{path}' is not valid JSON: {ex.Message}", ex);
        }

        using (document)
        {
            var v = new Validation();
            var seed = Parse(document.RootElement, v);
            if (v.HasErrors)
            {
                try
                {
                    v.ThrowIfAny();
                }
                catch (ApiException error)
                {
                    var lines = string.Join(Environment.NewLine, error.Details.Select(d => $"  {d.Path}: {d.Message}"));
                    throw new InvalidDataException($"Seed file '{path}' is invalid:{Environment.NewLine}{lines}");
                }
            }

            return seed;
        }
    }

    internal static OrgSeed Parse(JsonElement root, Validation v)
    {
        if (!v.ExpectObject(root, string.Empty))
        {
            return new OrgSeed();
        }

        var users = Items(root, "users", v, (item, path) =>
        {
            var id = v.RequiredString(item, "id", path);
            var email = v.RequiredString(item, "email", path);
            var name = v.RequiredString(item, "name", path);
            var role = v.OptionalString(item, "role", path) ?? "Member";
            if (!UsersEndpoint.Roles.Contains(role))
            {
                v.Add(Validation.Join(path, "role"), "must be Admin or Member");
            }

            return id is null || email is null || name is null ? null : new UserRecord(id, email, name, role);
        });
        var teams = Items(root, "teams", v, (item, path) =>
        {
            var inner = new Validation();
            var definition = TeamDefinitionReader.Read(item, inner, idOverride: null);
            var members = v.OptionalStringArray(item, "members", path) ?? [];
            if (inner.HasErrors)
            {
                v.Add(path, "is not a valid team definition (id and name are required; arrays as in CreateTeamRequest)");
                return null;
            }

            var unknown = members.Where(m => !users.Any(u => u.Id == m)).ToList();
            foreach (var member in unknown)
            {
                v.Add(Validation.Join(path, "members"), $"unknown user id '{member}'");
            }

            return new TeamRecord(definition["id"]!.GetValue<string>(), definition, members);
        });
        var channels = v.OptionalStringArray(root, "slack_channels", string.Empty) ?? [];
        var catalogs = new Dictionary<string, IReadOnlyList<KeyValuePair<string, string>>>(StringComparer.Ordinal);
        if (Validation.TryGet(root, "tag_catalogs", out var catalogElement) && v.ExpectObject(catalogElement, "tag_catalogs"))
        {
            foreach (var catalog in catalogElement.EnumerateObject())
            {
                var path = Validation.Join("tag_catalogs", catalog.Name);
                catalogs[catalog.Name] = ItemsCore(catalog.Value, path, v, (e, p) => ReadTag(e, p), isArrayItself: true)
                    .OfType<KeyValuePair<string, string>>().ToList();
            }
        }

        var views = Items(root, "cost_views", v, (item, path) =>
        {
            var id = v.RequiredString(item, "id", path);
            var name = v.OptionalString(item, "name", path) ?? id;
            var cost = Validation.TryGet(item, "base_daily_cost", out var c) ? v.ReadFiniteNumber(c, Validation.Join(path, "base_daily_cost")) : 1000.0;
            return id is null || cost is null ? null : new CostView(id, name!, cost.Value);
        });
        var units = Items(root, "unit_metrics", v, (item, path) =>
        {
            var id = v.RequiredString(item, "id", path);
            var name = v.OptionalString(item, "name", path) ?? id;
            var numerator = v.RequiredString(item, "numerator", path);
            var metric = v.RequiredString(item, "denominator_metric", path);
            var agg = v.RequiredString(item, "denominator_agg_func", path);
            if (agg is not null && !AggFunc.IsValid(agg))
            {
                v.Add(Validation.Join(path, "denominator_agg_func"), "must be Sum, Average, Maximum or Minimum");
            }

            if (numerator is not null && !views.Any(view => view.Id == numerator))
            {
                v.Add(Validation.Join(path, "numerator"), $"no cost view '{numerator}'");
            }

            return id is null || numerator is null || metric is null || agg is null ? null : new UnitMetric(id, name!, numerator, metric, agg);
        });
        var opportunities = Items(root, "opportunities", v, ReadOpportunity(v));
        var customData = ValueItems(root, "custom_data", v, (item, path) =>
        {
            var token = v.RequiredString(item, "data_stream_token", path);
            var metric = v.RequiredString(item, "metric_name", path);
            var agg = v.RequiredString(item, "metric_agg_func", path);
            if (agg is not null && !AggFunc.IsValid(agg))
            {
                v.Add(Validation.Join(path, "metric_agg_func"), "must be Sum, Average, Maximum or Minimum");
                agg = null;
            }

            long? ts = Validation.TryGet(item, "timestamp", out var t) ? HourlyTimestamp.Read(t, Validation.Join(path, "timestamp"), v) : null;
            double? value = Validation.TryGet(item, "metric_value", out var mv) ? v.ReadFiniteNumber(mv, Validation.Join(path, "metric_value")) : null;
            var dimensions = new List<KeyValuePair<string, string>>();
            if (Validation.TryGet(item, "custom_dimensions", out var dims) && v.ExpectObject(dims, Validation.Join(path, "custom_dimensions")))
            {
                foreach (var d in dims.EnumerateObject())
                {
                    dimensions.Add(new(d.Name, d.Value.ValueKind == JsonValueKind.String ? d.Value.GetString()! : d.Value.GetRawText()));
                }
            }

            if (ts is null || value is null)
            {
                v.Add(path, "needs timestamp and metric_value");
                return null;
            }

            return token is null || metric is null || agg is null ? null : new CustomDataRecord?(new CustomDataRecord(token, metric, agg, dimensions, ts.Value, value.Value));
        });

        return new OrgSeed
        {
            Users = users,
            Teams = teams,
            SlackChannels = channels,
            TagCatalogs = catalogs,
            CostViews = views,
            UnitMetrics = units,
            Opportunities = opportunities,
            CustomData = customData,
        };
    }

    private static KeyValuePair<string, string>? ReadTag(JsonElement item, string path) =>
        item.ValueKind == JsonValueKind.Object &&
        item.TryGetProperty("Key", out var key) && key.ValueKind == JsonValueKind.String &&
        item.TryGetProperty("Value", out var value) && value.ValueKind == JsonValueKind.String
            ? new KeyValuePair<string, string>(key.GetString()!, value.GetString()!)
            : null;

    private static Func<JsonElement, string, Opportunity?> ReadOpportunity(Validation v) => (item, path) =>
    {
        var id = v.OptionalInteger(item, "id", path);
        var status = v.RequiredString(item, "status", path);
        var source = v.RequiredString(item, "source", path);
        DateTimeOffset Date(string name)
        {
            var text = v.OptionalString(item, name, path);
            if (text is null)
            {
                return new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
            }

            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return parsed;
            }

            v.Add(Validation.Join(path, name), "must be an RFC 3339 date-time");
            return default;
        }

        if (id is null)
        {
            v.Add(Validation.Join(path, "id"), "is required (integer)");
        }

        var tags = new List<KeyValuePair<string, string>>();
        if (Validation.TryGet(item, "tags", out var tagArray) && tagArray.ValueKind == JsonValueKind.Array)
        {
            tags.AddRange(tagArray.EnumerateArray().Select(t => ReadTag(t, path)).OfType<KeyValuePair<string, string>>());
        }

        JsonObject? details = Validation.TryGet(item, "opportunity_details", out var d) && d.ValueKind == JsonValueKind.Object
            ? (JsonObject)JsonNode.Parse(d.GetRawText())!
            : null;
        double cost = Validation.TryGet(item, "cost_impact", out var ci) ? v.ReadFiniteNumber(ci, Validation.Join(path, "cost_impact")) ?? 0 : 0;
        if (id is null || status is null || source is null)
        {
            return null;
        }

        return new Opportunity
        {
            Id = id.Value,
            Source = source,
            Details = details,
            OpportunityTypeId = v.OptionalString(item, "opportunity_type_id", path) ?? string.Empty,
            CostImpact = cost,
            RecordId = v.OptionalString(item, "record_id", path) ?? string.Empty,
            StatusUpdatedAt = Date("status_updated_at"),
            CreatedAt = Date("created_at"),
            Status = status,
            LastDetectedAt = Date("last_detected_at"),
            ThreadId = v.OptionalInteger(item, "thread_id", path),
            GithubPrKey = v.OptionalString(item, "github_pr_key", path),
            CodeAutomation = v.OptionalBoolean(item, "code_automation", path) ?? false,
            Account = v.OptionalString(item, "account", path) ?? string.Empty,
            Region = v.OptionalString(item, "region", path) ?? string.Empty,
            Service = v.OptionalString(item, "service", path) ?? string.Empty,
            Tags = tags,
            Category = v.OptionalString(item, "category", path) ?? string.Empty,
            SecondaryId = v.OptionalInteger(item, "secondary_id", path),
            Priority = (int)(v.OptionalInteger(item, "priority", path) ?? 1),
        };
    };

    private static List<T> Items<T>(JsonElement root, string name, Validation v, Func<JsonElement, string, T?> read, bool isArrayItself = false)
        where T : class => ItemsCore(root, name, v, (e, p) => read(e, p), isArrayItself).OfType<T>().ToList();

    private static List<T> ValueItems<T>(JsonElement root, string name, Validation v, Func<JsonElement, string, T?> read)
        where T : struct => ItemsCore(root, name, v, (e, p) => read(e, p), isArrayItself: false).OfType<T>().ToList();

    private static List<object?> ItemsCore(JsonElement root, string name, Validation v, Func<JsonElement, string, object?> read, bool isArrayItself)
    {
        var result = new List<object?>();
        JsonElement array;
        if (isArrayItself)
        {
            array = root;
        }
        else if (!Validation.TryGet(root, name, out array))
        {
            return result;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            v.Add(name, "must be an array");
            return result;
        }

        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var path = Validation.Index(name, index++);
            if (v.ExpectObject(item, path))
            {
                result.Add(read(item, path));
            }
        }

        return result;
    }
}
