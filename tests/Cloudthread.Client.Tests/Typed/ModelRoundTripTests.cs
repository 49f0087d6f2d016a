using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Cloudthread.Client.Models;
using Cloudthread.Client.Serialization;

namespace Cloudthread.Client.Tests.Typed;

/// <summary>Every wire shape: serialize, check the snake_case (or spec-given) names, deserialize back.</summary>
public sealed class ModelRoundTripTests
{
    private static readonly CloudthreadJsonContext Context = CloudthreadJsonContext.Default;

    private static (JsonElement Json, T Back) RoundTrip<T>(T value, JsonTypeInfo<T> info)
    {
        var text = JsonSerializer.Serialize(value, info);
        var back = JsonSerializer.Deserialize(text, info)!;
        return (JsonDocument.Parse(text).RootElement.Clone(), back);
    }

    private static string[] Names(JsonElement obj) => obj.EnumerateObject().Select(p => p.Name).ToArray();

    [Fact]
    public void Team_uses_snake_case_and_leaves_out_nulls()
    {
        var team = new Team
        {
            Id = "platform",
            Name = "Platform",
            SlackChannel = "#finops",
            AwsAccountIds = ["111111111111"],
            AwsBillPayerAccountIds = ["222222222222"],
            AwsRegionNames = ["us-east-1"],
            AwsServices = ["Amazon S3"],
            AwsTags = [new() { ["Key"] = "env", ["Value"] = "prod" }],
            AwsAccountTags = [new() { ["Key"] = "owner", ["Value"] = "me" }],
            GcpProjectNames = ["ds-prod"],
            GcpBillingAccountIds = ["b-1"],
            GcpSkuIds = ["sku-1"],
            GcpLocations = ["europe-west1"],
            GcpServices = ["BigQuery"],
            GcpLabels = [new() { ["Key"] = "team", ["Value"] = "ds" }],
            CustomStreamTokens = ["tok"],
            CustomMetricNames = ["requests"],
            CustomDimensions = [new() { ["Key"] = "region", ["Value"] = "eu" }],
            OpportunityPriorities = [1, 2],
        };
        var (json, back) = RoundTrip(team, Context.Team);

        Assert.Equal(
            new[]
            {
                "id", "name", "slack_channel", "aws_account_ids", "aws_bill_payer_account_ids", "aws_region_names", "aws_services",
                "aws_tags", "aws_account_tags", "gcp_project_names", "gcp_billing_account_ids", "gcp_sku_ids", "gcp_locations",
                "gcp_services", "gcp_labels", "custom_stream_tokens", "custom_metric_names", "custom_dimensions", "opportunity_priorities",
            },
            Names(json));
        Assert.Equal("prod", json.GetProperty("aws_tags")[0].GetProperty("Value").GetString());
        Assert.Equal(2, json.GetProperty("opportunity_priorities")[1].GetInt32());
        Assert.Equal(JsonSerializer.Serialize(team, Context.Team), JsonSerializer.Serialize(back, Context.Team));

        var (minimal, _) = RoundTrip(new Team { Id = "a", Name = "A" }, Context.Team);
        Assert.Equal(new[] { "id", "name" }, Names(minimal));
    }

    [Fact]
    public void Team_and_user_ids_sent_as_numbers_are_read_as_strings()
    {
        var team = JsonSerializer.Deserialize("""{"id":42,"name":"Forty-Two","opportunity_priorities":["3"]}""", Context.Team)!;
        Assert.Equal("42", team.Id);
        Assert.Equal([3], team.OpportunityPriorities!);
        var user = JsonSerializer.Deserialize("""{"id":1001,"email":"a@b.c","name":"A"}""", Context.User)!;
        Assert.Equal("1001", user.Id);
    }

    [Fact]
    public void User_round_trips()
    {
        var (json, back) = RoundTrip(new User { Id = "u-1", Email = "a@example.com", Name = "A", Role = "Admin" }, Context.User);
        Assert.Equal(new[] { "id", "email", "name", "role" }, Names(json));
        Assert.Equal(("u-1", "a@example.com", "A", "Admin"), (back.Id, back.Email, back.Name, back.Role));
    }

    [Fact]
    public void New_user_round_trips()
    {
        var (json, back) = RoundTrip(new NewUserWire { Email = "a@example.com", Name = "A", Role = "Member", TeamId = "data" }, Context.NewUserWire);
        Assert.Equal(new[] { "email", "name", "role", "team_id" }, Names(json));
        Assert.Equal("data", back.TeamId);
    }

    [Theory]
    [InlineData("42", JsonValueKind.Number)]
    [InlineData("0", JsonValueKind.Number)]
    [InlineData("007", JsonValueKind.String)]
    [InlineData("team-a", JsonValueKind.String)]
    [InlineData("123456789012345678901234567890", JsonValueKind.Number)]
    public void Event_team_id_is_a_number_only_when_all_digits(string teamId, JsonValueKind kind)
    {
        var wire = new CreateEventsWire
        {
            Data = [new EventWire { Timestamp = "2026-01-01T10:00:00Z", TeamId = teamId, Payload = new EventPayloadWire { Type = "deploy" } }],
        };
        var (json, back) = RoundTrip(wire, Context.CreateEventsWire);
        var item = json.GetProperty("data")[0];
        Assert.Equal(kind, item.GetProperty("team_id").ValueKind);
        Assert.Equal(teamId, back.Data[0].TeamId);
    }

    [Fact]
    public void Event_nests_its_payload()
    {
        var wire = new CreateEventsWire
        {
            Data = [new EventWire { Timestamp = "t", Payload = new EventPayloadWire { Type = "deploy", Description = "d", EventUrl = "https://x.org" } }],
        };
        var (json, back) = RoundTrip(wire, Context.CreateEventsWire);
        var item = json.GetProperty("data")[0];
        Assert.Equal(new[] { "timestamp", "payload" }, Names(item));
        Assert.Equal(new[] { "type", "description", "event_url" }, Names(item.GetProperty("payload")));
        Assert.Equal("https://x.org", back.Data[0].Payload.EventUrl);
    }

    [Fact]
    public void Tags_use_Key_and_Value()
    {
        var (json, back) = RoundTrip(new TagCatalogWire { Tags = [new TagWire { Key = "environment", Value = "production" }] }, Context.TagCatalogWire);
        Assert.Equal(new[] { "Key", "Value" }, Names(json.GetProperty("tags")[0]));
        Assert.Equal("production", back.Tags![0].Value);
    }

    [Fact]
    public void Cost_view_points_round_trip()
    {
        var (json, back) = RoundTrip(
            new MetricDataWire<CostViewPointWire> { Data = [new CostViewPointWire { CurrentTimeframeCost = 1.5, PreviousTimeframeCost = 1, PopDiff = 0.5, PopChange = 0.5, Date = "20260101" }] },
            Context.MetricDataWireCostViewPointWire);
        Assert.Equal(new[] { "current_timeframe_cost", "previous_timeframe_cost", "pop_diff", "pop_change", "date" }, Names(json.GetProperty("data")[0]));
        Assert.Equal(1.5, back.Data![0].CurrentTimeframeCost);
    }

    [Fact]
    public void Unit_metric_points_round_trip()
    {
        var point = new UnitMetricPointWire
        {
            CurrentTimeframeDenominator = 1, CurrentTimeframeNumerator = 2, CurrentTimeframeUnitMetric = 2,
            PreviousTimeframeDenominator = 1, PreviousTimeframeNumerator = 1, PreviousTimeframeUnitMetric = 1,
            PopDiff = 1, PopChange = 1, DAggFunc = "SUM", NAggFunc = "SUM", Date = "2026010110",
        };
        var (json, back) = RoundTrip(new MetricDataWire<UnitMetricPointWire> { Data = [point] }, Context.MetricDataWireUnitMetricPointWire);
        Assert.Equal(
            new[]
            {
                "current_timeframe_denominator", "current_timeframe_numerator", "current_timeframe_unit_metric",
                "previous_timeframe_denominator", "previous_timeframe_numerator", "previous_timeframe_unit_metric",
                "pop_diff", "pop_change", "d_agg_func", "n_agg_func", "date",
            },
            Names(json.GetProperty("data")[0]));
        Assert.Equal("SUM", back.Data![0].DAggFunc);
    }

    [Fact]
    public void Opportunity_query_round_trips()
    {
        var query = new OpportunityQueryWire
        {
            OpportunityTypeId = "t", Status = "Open", CodeAutomation = true, ThreadId = 3, Account = "1", Region = "us-east-1", Service = "EC2",
            Tags = [new TagWire { Key = "k", Value = "v" }], Category = "c", RecordId = "r", Source = "s", GithubPrKey = "g", SecondaryId = 4,
            LastDetectedStartDate = "2026-01-01", LastDetectedEndDate = "2026-01-31", StatusUpdatedStartDate = "2026-02-01",
            StatusUpdatedEndDate = "2026-02-28", Details = false, Priority = 1,
        };
        var (json, back) = RoundTrip(query, Context.OpportunityQueryWire);
        Assert.Equal(
            new[]
            {
                "opportunity_type_id", "status", "code_automation", "thread_id", "account", "region", "service", "tags", "category",
                "record_id", "source", "github_pr_key", "secondary_id", "last_detected_start_date", "last_detected_end_date",
                "status_updated_start_date", "status_updated_end_date", "details", "priority",
            },
            Names(json));
        Assert.Equal("2026-02-28", back.StatusUpdatedEndDate);
        Assert.Equal(4, back.SecondaryId);
    }

    [Fact]
    public void Opportunity_round_trips_with_free_json_details()
    {
        var wire = new OpportunityWire
        {
            Id = 7, Source = "Cloudthread", OpportunityTypeId = "ec2-rightsize", CostImpact = 12.5, RecordId = "i-1",
            StatusUpdatedAt = "2026-01-01T00:00:00Z", CreatedAt = "2026-01-01T00:00:00Z", Status = "Open",
            LastDetectedAt = "2026-01-02T00:00:00Z", ThreadId = 9, GithubPrKey = "org/repo#1",
            OpportunityDetails = new Dictionary<string, object?> { ["instance"] = "m5.large", ["cpu"] = new List<object?> { 1L, 2.5 }, ["nested"] = new Dictionary<string, object?> { ["x"] = null } },
        };
        var (json, back) = RoundTrip(new List<OpportunityWire> { wire }, Context.ListOpportunityWire);
        Assert.Equal(
            new[]
            {
                "id", "source", "opportunity_details", "opportunity_type_id", "cost_impact", "record_id", "status_updated_at",
                "created_at", "status", "last_detected_at", "thread_id", "github_pr_key",
            },
            Names(json[0]));
        var details = back[0].OpportunityDetails!;
        Assert.Equal("m5.large", details["instance"]);
        Assert.Equal(new object?[] { 1L, 2.5 }, ((List<object?>)details["cpu"]!).ToArray());
        Assert.True(((Dictionary<string, object?>)details["nested"]!).ContainsKey("x"));
    }

    [Fact]
    public void Opportunity_details_sent_as_encoded_json_text_are_decoded()
    {
        var rows = JsonSerializer.Deserialize("""[{"id":"5","opportunity_details":"{\"a\":1}"},{"id":6,"opportunity_details":"plain"}]""", Context.ListOpportunityWire)!;
        Assert.Equal(5, rows[0].Id);
        Assert.Equal(1L, rows[0].OpportunityDetails!["a"]);
        Assert.Equal("plain", rows[1].OpportunityDetails!["value"]);
    }

    [Fact]
    public void Members_change_uses_users_ids()
    {
        var (json, back) = RoundTrip(new TeamMembersChangeWire { UsersIds = ["u-1", "u-2"] }, Context.TeamMembersChangeWire);
        Assert.Equal(new[] { "users_ids" }, Names(json));
        Assert.Equal(["u-1", "u-2"], back.UsersIds);
    }
}
