using System.Text.Json;
using Cloudthread.Client.Http;
using Cloudthread.Client.Models;
using Cloudthread.Client.Operations;

namespace Cloudthread.Client.Tests.Typed;

/// <summary>Method, escaped path, query string, JSON body and retry mode of every operation.</summary>
public sealed class RequestBuildingTests
{
    private static void AssertLine(ApiRequest request, string method, string path, RetryMode retry)
    {
        Assert.Equal(method, request.Method.Method);
        Assert.Equal(path, request.Path);
        Assert.Equal(retry, request.RetryMode);
    }

    [Fact]
    public void Events_are_posted_nested_with_utc_hourly_timestamps_and_retried_only_if_not_processed()
    {
        var events = new[]
        {
            new CloudthreadEvent { Timestamp = new DateTime(2026, 3, 1, 10, 0, 0, DateTimeKind.Utc), Type = "deploy", Description = "v2", Url = "https://ci.example.com/1", TeamId = "42" },
            new CloudthreadEvent { Timestamp = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.FromHours(2)).UtcDateTime, Type = "outage", TeamId = "platform", Description = "", Url = "" },
            new CloudthreadEvent { Timestamp = new DateTime(2026, 3, 1, 10, 0, 0, DateTimeKind.Unspecified), Type = "note" },
        };
        var request = EventsApi.BuildCreate(events, TimestampFormat.Rfc3339);
        AssertLine(request, "POST", "/events", RetryMode.OnlyIfNotProcessed);
        Assert.Empty(request.Query);
        Assert.Equal(
            """{"data":[{"timestamp":"2026-03-01T10:00:00Z","team_id":42,"payload":{"type":"deploy","description":"v2","event_url":"https://ci.example.com/1"}},""" +
            """{"timestamp":"2026-03-01T10:00:00Z","team_id":"platform","payload":{"type":"outage"}},""" +
            """{"timestamp":"2026-03-01T10:00:00Z","payload":{"type":"note"}}]}""",
            FakeApi.BodyText(request));
    }

    [Fact]
    public void Events_follow_the_connection_timestamp_format()
    {
        var request = EventsApi.BuildCreate(new[] { new CloudthreadEvent { Timestamp = new DateTime(2026, 3, 1, 7, 0, 0, DateTimeKind.Utc), Type = "x" } }, TimestampFormat.SpaceSeparated);
        Assert.Equal("2026-03-01 07:00:00", FakeApi.BodyJson(request).GetProperty("data")[0].GetProperty("timestamp").GetString());
    }

    [Fact]
    public void Local_event_time_is_sent_as_utc()
    {
        var utc = new DateTime(2026, 6, 1, 10, 0, 0, DateTimeKind.Utc);
        var local = utc.ToLocalTime();
        var request = EventsApi.BuildCreate(new[] { new CloudthreadEvent { Timestamp = local, Type = "x" } }, TimestampFormat.Rfc3339);
        Assert.Equal("2026-06-01T10:00:00Z", FakeApi.BodyJson(request).GetProperty("data")[0].GetProperty("timestamp").GetString());
    }

    [Fact]
    public void Tag_catalog_is_a_get_with_catalog_key()
    {
        var request = TagCatalogApi.BuildGet("cost center/&x");
        AssertLine(request, "GET", "/tag-catalog", RetryMode.Idempotent);
        Assert.Equal("catalog_key=cost center/&x", FakeApi.QueryText(request));
        Assert.Null(request.JsonBody);
    }

    [Fact]
    public void Cost_view_query_has_every_parameter_in_wire_form()
    {
        var query = new MetricQuery
        {
            Start = new DateTime(2026, 1, 1, 18, 30, 0),
            End = new DateTime(2026, 1, 31),
            Granularity = MetricGranularity.Quarter,
            CostType = "Unblended",
            Amortization = false,
            Exclude = new[] { "Credit", "Refund" },
        };
        var request = MetricsApi.BuildCostView("cv/total", query);
        AssertLine(request, "GET", "/cost/metric/cv%2Ftotal", RetryMode.Idempotent);
        Assert.Equal("start_date=2026-01-01&end_date=2026-01-31&granularity=quarter&cost_type=Unblended&amortization=false&exclude=Credit,Refund", FakeApi.QueryText(request));
    }

    [Fact]
    public void Unit_metric_query_leaves_out_unset_options()
    {
        var request = MetricsApi.BuildUnitMetric("um-cost-per-request", new MetricQuery { Start = new DateTime(2026, 1, 1), End = new DateTime(2026, 1, 2), Granularity = MetricGranularity.Hour, Amortization = true, CostType = "3" });
        AssertLine(request, "GET", "/unit/metric/um-cost-per-request", RetryMode.Idempotent);
        Assert.Equal("start_date=2026-01-01&end_date=2026-01-02&granularity=hour&cost_type=3&amortization=true", FakeApi.QueryText(request));
    }

    [Theory]
    [InlineData(MetricGranularity.Hour, "hour")]
    [InlineData(MetricGranularity.Day, "day")]
    [InlineData(MetricGranularity.Week, "week")]
    [InlineData(MetricGranularity.Month, "month")]
    [InlineData(MetricGranularity.Quarter, "quarter")]
    [InlineData(MetricGranularity.Year, "year")]
    public void Granularity_is_lowercase(MetricGranularity granularity, string wire) => Assert.Equal(wire, MetricsApi.GranularityName(granularity));

    [Fact]
    public void Users_list_and_create()
    {
        AssertLine(UsersApi.BuildList(), "GET", "/users", RetryMode.Idempotent);
        var create = UsersApi.BuildCreate(new NewUserRequest { Email = " new@example.com ", Name = "New", Role = UserRole.Admin, TeamId = "data" });
        AssertLine(create, "POST", "/users", RetryMode.OnlyIfNotProcessed);
        Assert.Equal("""{"email":"new@example.com","name":"New","role":"Admin","team_id":"data"}""", FakeApi.BodyText(create));
        var noTeam = UsersApi.BuildCreate(new NewUserRequest { Email = "n@example.com", Name = "N" });
        Assert.Equal("""{"email":"n@example.com","name":"N","role":"Member"}""", FakeApi.BodyText(noTeam));
    }

    [Fact]
    public void Team_paths_escape_the_id()
    {
        AssertLine(TeamsApi.BuildList(), "GET", "/teams", RetryMode.Idempotent);
        AssertLine(TeamsApi.BuildGet("a/b c?"), "GET", "/teams/a%2Fb%20c%3F", RetryMode.Idempotent);
        AssertLine(TeamsApi.BuildDelete("a/b"), "DELETE", "/teams/a%2Fb", RetryMode.Idempotent);
        AssertLine(TeamsApi.BuildListMembers("42"), "GET", "/teams/42/members", RetryMode.Idempotent);
        Assert.Null(TeamsApi.BuildDelete("x").JsonBody);
    }

    [Fact]
    public void Team_create_and_update_send_the_whole_team()
    {
        var team = new Team { Id = "ops", Name = "Ops", AwsServices = ["Amazon S3"] };
        var create = TeamsApi.BuildCreate(team);
        AssertLine(create, "POST", "/teams", RetryMode.OnlyIfNotProcessed);
        Assert.Equal("""{"id":"ops","name":"Ops","aws_services":["Amazon S3"]}""", FakeApi.BodyText(create));
        var update = TeamsApi.BuildUpdate("ops", team);
        AssertLine(update, "PATCH", "/teams/ops", RetryMode.OnlyIfNotProcessed);
        Assert.Equal(FakeApi.BodyText(create), FakeApi.BodyText(update));
    }

    [Fact]
    public void Team_member_changes_post_users_ids()
    {
        var assign = TeamsApi.BuildAddMembers("a b", new[] { "u-1", "u-2" });
        AssertLine(assign, "POST", "/teams/a%20b/members/assign", RetryMode.OnlyIfNotProcessed);
        Assert.Equal("""{"users_ids":["u-1","u-2"]}""", FakeApi.BodyText(assign));
        var remove = TeamsApi.BuildRemoveMembers("ops", new[] { "u-3" });
        AssertLine(remove, "POST", "/teams/ops/members/delete", RetryMode.OnlyIfNotProcessed);
        Assert.Equal("""{"users_ids":["u-3"]}""", FakeApi.BodyText(remove));
    }

    [Fact]
    public void Opportunities_list_is_a_post_read_retried_as_idempotent()
    {
        var empty = OpportunitiesApi.BuildList(null);
        AssertLine(empty, "POST", "/cost-optimization/opportunities/list", RetryMode.Idempotent);
        Assert.Equal("{}", FakeApi.BodyText(empty));

        var query = new SavingsOpportunityQuery
        {
            Status = "Open",
            Priority = 1,
            CodeAutomation = false,
            Tags = [new Tag { Key = "env", Value = "prod" }],
            LastDetectedStartDate = new DateTime(2026, 1, 1, 13, 0, 0),
            LastDetectedEndDate = new DateTime(2026, 1, 31),
        };
        Assert.Equal(
            """{"status":"Open","code_automation":false,"tags":[{"Key":"env","Value":"prod"}],"last_detected_start_date":"2026-01-01","last_detected_end_date":"2026-01-31","priority":1}""",
            FakeApi.BodyText(OpportunitiesApi.BuildList(query)));
    }

    [Theory]
    [InlineData("get", "GET", true)]
    [InlineData("PUT", "PUT", true)]
    [InlineData("delete", "DELETE", true)]
    [InlineData("HEAD", "HEAD", true)]
    [InlineData("Options", "OPTIONS", true)]
    [InlineData("POST", "POST", false)]
    [InlineData("patch", "PATCH", false)]
    public void Raw_request_method_and_retry_mode(string method, string wire, bool idempotent) =>
        AssertLine(RawApi.Build(method, "/teams", null, null), wire, "/teams", idempotent ? RetryMode.Idempotent : RetryMode.OnlyIfNotProcessed);

    [Fact]
    public void Raw_request_path_query_and_body()
    {
        var request = RawApi.Build("POST", "teams/x/members?a=1&b=x%20y", new Dictionary<string, string> { ["c"] = "3&4" }, """{"users_ids":["u-1"]}""");
        Assert.Equal("/teams/x/members", request.Path);
        Assert.Equal("a=1&b=x y&c=3&4", FakeApi.QueryText(request));
        Assert.Equal("""{"users_ids":["u-1"]}""", FakeApi.BodyText(request));
        Assert.Null(RawApi.Build("GET", "/users", null, "  ").JsonBody);
    }
}
