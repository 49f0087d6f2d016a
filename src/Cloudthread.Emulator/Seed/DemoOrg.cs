using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cloudthread.Emulator.Endpoints;
using Cloudthread.Emulator.Http;
using Cloudthread.Emulator.Model;

namespace Cloudthread.Emulator.Seed;

/// <summary>The built-in demo org described in docs/emulator.md. Everything is deterministic.</summary>
internal static class DemoOrg
{
    public static OrgSeed Create() => new()
    {
        Users =
        [
            new("u-1001", "alice.admin@example.com", "Alice Admin", "Admin"),
            new("u-1002", "bob@example.com", "Bob Builder", "Member"),
            new("u-1003", "carol@example.com", "Carol Chen", "Member"),
            new("u-1004", "dan@example.com", "Dan Diaz", "Member"),
            new("u-1005", "erin@example.com", "Erin Evans", "Member"),
        ],
        Teams =
        [
            Team("""{"id":"platform","name":"Platform Engineering","slack_channel":"#platform-alerts","aws_account_ids":["111111111111"],"aws_services":["Amazon EC2","Amazon S3"],"opportunity_priorities":[1,2]}""", "u-1001", "u-1002"),
            Team("""{"id":"data","name":"Data Science","gcp_project_names":["ds-prod"]}""", "u-1003"),
            Team("""{"id":"42","name":"Team Forty-Two"}"""),
        ],
        SlackChannels = ["#finops", "#platform-alerts", "#data-costs"],
        TagCatalogs = new Dictionary<string, IReadOnlyList<KeyValuePair<string, string>>>(StringComparer.Ordinal)
        {
            ["environment"] = [Tag("environment", "production"), Tag("environment", "staging"), Tag("environment", "development")],
            ["cost-center"] = [Tag("cost-center", "cc-100"), Tag("cost-center", "cc-200")],
        },
        CostViews =
        [
            new("cv-total", "All cloud cost", 4200.0),
            new("cv-compute", "Compute", 2600.0),
            new("cv-storage", "Storage", 900.0),
        ],
        UnitMetrics =
        [
            new("um-cost-per-request", "Cost per request", "cv-total", "requests", AggFunc.Sum),
            new("um-cost-per-customer", "Cost per customer", "cv-total", "customers", AggFunc.Average),
        ],
        Opportunities = Opportunities(),
        CustomData = CustomData(),
    };

    private static KeyValuePair<string, string> Tag(string key, string value) => new(key, value);

    private static TeamRecord Team(string json, params string[] members)
    {
        using var document = JsonDocument.Parse(json);
        var validation = new Validation();
        var definition = TeamDefinitionReader.Read(document.RootElement, validation, idOverride: null);
        validation.ThrowIfAny();
        return new TeamRecord(definition["id"]!.GetValue<string>(), definition, members);
    }

    private static List<CustomDataRecord> CustomData()
    {
        var records = new List<CustomDataRecord>();
        var first = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var day = 0; day < 90; day++)
        {
            var ts = first.AddDays(day).ToUnixTimeSeconds();
            var weekday = day % 7;
            records.Add(new CustomDataRecord(EmulatorOptions.DemoDataStreamToken, "requests", AggFunc.Sum,
                [new("region", "us-east-1")], ts, 60000 + (1500 * weekday) + (200 * day)));
            records.Add(new CustomDataRecord(EmulatorOptions.DemoDataStreamToken, "requests", AggFunc.Sum,
                [new("region", "eu-west-1")], ts, 30000 + (900 * weekday) + (100 * day)));
            records.Add(new CustomDataRecord(EmulatorOptions.DemoDataStreamToken, "customers", AggFunc.Average,
                [], ts, 1200 + (3 * day)));
        }

        return records;
    }

    private static List<Opportunity> Opportunities()
    {
        string[] statuses = ["Open", "Assigned", "In Progress", "Validation", "Done", "Dismissed"];
        string[] sources = ["Cloudthread", "AWS Compute Optimizer", "AWS Trusted Advisor"];
        string[] regions = ["us-east-1", "eu-west-1"];
        string[] accounts = ["111111111111", "222222222222", "333333333333"];
        (string Service, string Category, string Type)[] kinds =
        [
            ("Amazon EC2", "EC2 Rightsizing", "ec2-rightsizing"),
            ("Amazon S3", "S3 Lifecycle", "s3-lifecycle"),
            ("Amazon Redshift", "Redshift Rightsizing", "redshift-rightsizing"),
            ("Amazon EBS", "EBS Unattached Volumes", "ebs-unattached"),
        ];
        var baseDate = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
        var result = new List<Opportunity>();
        for (var i = 1; i <= 12; i++)
        {
            var kind = kinds[(i - 1) % kinds.Length];
            var status = statuses[(i - 1) % statuses.Length];
            var assigned = status is "Assigned" or "In Progress" or "Validation" or "Done";
            result.Add(new Opportunity
            {
                Id = i,
                Source = sources[(i - 1) % sources.Length],
                Details = i % 4 == 0 ? null : new JsonObject
                {
                    ["resource_name"] = kind.Type + "-" + i.ToString(CultureInfo.InvariantCulture),
                    ["recommendation"] = "Review " + kind.Category.ToLowerInvariant(),
                },
                OpportunityTypeId = kind.Type,
                CostImpact = Math.Round(120.5 * i + (i % 3) * 17.25, 2),
                RecordId = $"arn:aws:{kind.Type}:{regions[i % 2]}:{accounts[i % 3]}:resource/r-{i:000}",
                CreatedAt = baseDate.AddDays(i),
                StatusUpdatedAt = baseDate.AddDays(i + 7),
                LastDetectedAt = baseDate.AddDays(i + 14),
                Status = status,
                ThreadId = assigned ? 500 + i : null,
                GithubPrKey = i % 5 == 0 ? $"cloudthread/infra#{100 + i}" : null,
                CodeAutomation = i % 2 == 0,
                Account = accounts[i % 3],
                Region = regions[i % 2],
                Service = kind.Service,
                Tags = [Tag("environment", i % 3 == 0 ? "staging" : "production"), Tag("cost-center", i % 2 == 0 ? "cc-100" : "cc-200")],
                Category = kind.Category,
                SecondaryId = i % 3 == 0 ? 9000 + i : null,
                Priority = ((i - 1) % 3) + 1,
            });
        }

        return result;
    }
}
