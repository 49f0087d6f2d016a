using Cloudthread.Client.Http;
using Cloudthread.Client.Models;
using Cloudthread.Client.Operations;

namespace Cloudthread.Client.Tests.Typed;

/// <summary>Each client-side rule: a failing case naming item index and field, and a passing case.</summary>
public sealed class ValidationTests
{
    private static readonly DateTime OnTheHour = new(2026, 1, 1, 10, 0, 0, DateTimeKind.Utc);

    private static CloudthreadEvent GoodEvent() => new() { Timestamp = OnTheHour, Type = "deploy" };

    private static CloudthreadValidationException Rejects(Action build) => Assert.Throws<CloudthreadValidationException>(build);

    private static ValidationIssue Single(CloudthreadValidationException error) => Assert.Single(error.Issues);

    private static void RejectsEvent(CloudthreadEvent bad, string field, string messagePart)
    {
        var events = new[] { GoodEvent(), GoodEvent(), GoodEvent(), bad };
        var issue = Single(Rejects(() => EventsApi.BuildCreate(events, TimestampFormat.Rfc3339)));
        Assert.Equal("data[3]." + field, issue.Path);
        Assert.Equal(3, issue.ItemIndex);
        Assert.Contains(messagePart, issue.Message, StringComparison.Ordinal);
    }

    private static void AcceptsEvent(CloudthreadEvent good)
    {
        var request = EventsApi.BuildCreate(new[] { GoodEvent(), good }, TimestampFormat.Rfc3339);
        Assert.Equal(2, FakeApi.BodyJson(request).GetProperty("data").GetArrayLength());
    }

    /// <summary>The value of a query parameter the request carries (fails when it carries none).</summary>
    private static string QueryValue(ApiRequest request, string name) => Assert.Single(request.Query, p => p.Key == name).Value;

    [Fact]
    public void Events_list_must_not_be_empty()
    {
        Assert.Equal("data", Single(Rejects(() => EventsApi.BuildCreate(Array.Empty<CloudthreadEvent>(), TimestampFormat.Rfc3339))).Path);
        Assert.Equal("data", Single(Rejects(() => EventsApi.BuildCreate(null, TimestampFormat.Rfc3339))).Path);
        AcceptsEvent(GoodEvent());
    }

    [Fact]
    public void Event_item_must_not_be_null()
    {
        var issue = Single(Rejects(() => EventsApi.BuildCreate(new CloudthreadEvent[] { GoodEvent(), null! }, TimestampFormat.Rfc3339)));
        Assert.Equal("data[1]", issue.Path);
        Assert.Equal(1, issue.ItemIndex);
    }

    [Fact]
    public void Event_timestamp_must_be_on_the_hour()
    {
        var bad = GoodEvent();
        bad.Timestamp = new DateTime(2026, 1, 1, 10, 30, 0, DateTimeKind.Utc);
        RejectsEvent(bad, "timestamp", "10:30:00 (UTC) is not on the hour");
        var error = Rejects(() => EventsApi.BuildCreate(new[] { GoodEvent(), GoodEvent(), GoodEvent(), bad }, TimestampFormat.Rfc3339));
        Assert.Equal("data[3].timestamp: 10:30:00 (UTC) is not on the hour", error.Message);
        AcceptsEvent(new CloudthreadEvent { Timestamp = new DateTime(2026, 1, 1, 23, 0, 0, DateTimeKind.Utc), Type = "x" });
    }

    [Fact]
    public void Event_timestamp_is_required()
    {
        var bad = GoodEvent();
        bad.Timestamp = default;
        RejectsEvent(bad, "timestamp", "is required");
    }

    [Fact]
    public void Event_local_timestamp_is_checked_after_conversion_to_utc()
    {
        // A local time on the hour stays on the hour in UTC except in zones with fractional offsets;
        // what matters is that the check runs on the UTC value.
        var local = new DateTime(2026, 1, 1, 10, 0, 0, DateTimeKind.Local);
        var utc = local.ToUniversalTime();
        var evt = new CloudthreadEvent { Timestamp = local, Type = "deploy" };
        if (utc.Minute == 0)
        {
            AcceptsEvent(evt);
        }
        else
        {
            RejectsEvent(evt, "timestamp", "is not on the hour");
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Event_type_must_not_be_empty(string type)
    {
        var bad = GoodEvent();
        bad.Type = type;
        RejectsEvent(bad, "payload.type", "must not be empty");
    }

    [Fact]
    public void Event_description_is_at_most_1000_characters()
    {
        var bad = GoodEvent();
        bad.Description = new string('x', 1001);
        RejectsEvent(bad, "payload.description", "1001 characters");
        AcceptsEvent(new CloudthreadEvent { Timestamp = OnTheHour, Type = "deploy", Description = new string('x', 1000) });
    }

    [Theory]
    [InlineData("ftp://example.com/x")]
    [InlineData("example.com/x")]
    [InlineData("/relative")]
    [InlineData("mailto:a@b.c")]
    public void Event_url_must_be_absolute_http_or_https(string url)
    {
        var bad = GoodEvent();
        bad.Url = url;
        RejectsEvent(bad, "payload.event_url", "not an absolute http or https URL");
    }

    [Theory]
    [InlineData("https://example.com/deploys/1")]
    [InlineData("http://localhost:8080/x?y=1")]
    public void Event_url_accepts_http_and_https(string url) =>
        AcceptsEvent(new CloudthreadEvent { Timestamp = OnTheHour, Type = "deploy", Url = url });

    [Fact]
    public void Event_team_id_must_not_be_blank()
    {
        var bad = GoodEvent();
        bad.TeamId = "  ";
        RejectsEvent(bad, "team_id", "must not be blank");
        AcceptsEvent(new CloudthreadEvent { Timestamp = OnTheHour, Type = "deploy", TeamId = "42" });
    }

    [Fact]
    public void Every_bad_event_field_is_reported_at_once()
    {
        var events = new[]
        {
            new CloudthreadEvent { Timestamp = OnTheHour.AddMinutes(1), Type = "" },
            GoodEvent(),
            new CloudthreadEvent { Timestamp = OnTheHour, Type = "x", Url = "nope" },
        };
        var error = Rejects(() => EventsApi.BuildCreate(events, TimestampFormat.Rfc3339));
        Assert.Equal(new[] { "data[0].timestamp", "data[0].payload.type", "data[2].payload.event_url" }, error.Issues.Select(i => i.Path).ToArray());
        Assert.Equal(new int?[] { 0, 0, 2 }, error.Issues.Select(i => i.ItemIndex).ToArray());
        Assert.StartsWith("3 validation errors: data[0].timestamp:", error.Message, StringComparison.Ordinal);
    }

    private static MetricQuery GoodQuery() => new() { Start = new DateTime(2026, 1, 1), End = new DateTime(2026, 1, 31) };

    private static ValidationIssue RejectsQuery(MetricQuery query, string id = "cv-total") =>
        Single(Rejects(() => MetricsApi.BuildCostView(id, query)));

    [Fact]
    public void Metric_start_must_not_be_after_end()
    {
        var query = GoodQuery();
        query.Start = new DateTime(2026, 2, 1);
        var issue = RejectsQuery(query);
        Assert.Equal("start_date", issue.Path);
        Assert.Equal("2026-02-01 is after end_date 2026-01-31", issue.Message);
    }

    [Fact]
    public void Metric_same_day_with_later_start_time_is_accepted_because_time_is_ignored()
    {
        var query = new MetricQuery { Start = new DateTime(2026, 1, 1, 23, 0, 0), End = new DateTime(2026, 1, 1, 1, 0, 0) };
        var request = MetricsApi.BuildCostView("cv-total", query);
        Assert.Equal("/cost/metric/cv-total", request.Path);
        Assert.Equal(("2026-01-01", "2026-01-01"), (QueryValue(request, "start_date"), QueryValue(request, "end_date")));
        Assert.Equal("/unit/metric/um-1", MetricsApi.BuildUnitMetric("um-1", GoodQuery()).Path);
    }

    [Fact]
    public void Metric_dates_are_required()
    {
        Assert.Equal("start_date", RejectsQuery(new MetricQuery { End = new DateTime(2026, 1, 1) }).Path);
        Assert.Equal("end_date", RejectsQuery(new MetricQuery { Start = new DateTime(2026, 1, 1) }).Path);
    }

    [Fact]
    public void Metric_id_and_query_are_required()
    {
        Assert.Equal("metric_id", RejectsQuery(GoodQuery(), " ").Path);
        Assert.Equal("metric_id", RejectsQuery(GoodQuery(), "..").Path);
        Assert.Equal("query", Single(Rejects(() => MetricsApi.BuildUnitMetric("um", null))).Path);
    }

    [Fact]
    public void Metric_granularity_must_be_known()
    {
        var query = GoodQuery();
        query.Granularity = (MetricGranularity)42;
        var issue = RejectsQuery(query);
        Assert.Equal("granularity", issue.Path);
        Assert.Contains("hour, day, week, month, quarter, year", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Metric_cost_type_must_not_be_blank()
    {
        var query = GoodQuery();
        query.CostType = " ";
        Assert.Equal("cost_type", RejectsQuery(query).Path);
        query.CostType = "Unblended";
        Assert.Equal("Unblended", QueryValue(MetricsApi.BuildCostView("cv", query), "cost_type"));
    }

    [Fact]
    public void Metric_exclude_items_must_be_non_empty_and_comma_free()
    {
        var query = GoodQuery();
        query.Exclude = new[] { "Credit", "a,b", "" };
        var error = Rejects(() => MetricsApi.BuildCostView("cv", query));
        Assert.Equal(new[] { "exclude[1]", "exclude[2]" }, error.Issues.Select(i => i.Path).ToArray());
        Assert.Equal(new int?[] { 1, 2 }, error.Issues.Select(i => i.ItemIndex).ToArray());
        query.Exclude = new[] { "Credit", "Refund" };
        Assert.Equal("Credit,Refund", QueryValue(MetricsApi.BuildCostView("cv", query), "exclude"));
    }

    private static NewUserRequest GoodUser() => new() { Email = "new.person@example.com", Name = "New Person" };

    [Theory]
    [InlineData("plain")]
    [InlineData("a@")]
    [InlineData("@example.com")]
    [InlineData("a@b@example.com")]
    [InlineData("a b@example.com")]
    [InlineData("a@example")]
    [InlineData("a@example.")]
    public void User_email_must_look_like_an_email(string email)
    {
        var user = GoodUser();
        user.Email = email;
        var issue = Single(Rejects(() => UsersApi.BuildCreate(user)));
        Assert.Equal("email", issue.Path);
        Assert.Contains("is not an email address", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void User_email_and_name_are_required()
    {
        var error = Rejects(() => UsersApi.BuildCreate(new NewUserRequest { Email = "", Name = " " }));
        Assert.Equal(new[] { "email", "name" }, error.Issues.Select(i => i.Path).ToArray());
        Assert.Equal("new.person@example.com", FakeApi.BodyJson(UsersApi.BuildCreate(GoodUser())).GetProperty("email").GetString());
        Assert.Equal("user", Single(Rejects(() => UsersApi.BuildCreate(null))).Path);
    }

    [Fact]
    public void User_role_must_be_known()
    {
        var user = GoodUser();
        user.Role = (UserRole)7;
        Assert.Equal("role", Single(Rejects(() => UsersApi.BuildCreate(user))).Path);
    }

    [Fact]
    public void Team_id_and_name_are_required_on_create()
    {
        var error = Rejects(() => TeamsApi.BuildCreate(new Team { Id = "", Name = "" }));
        Assert.Equal(new[] { "id", "name" }, error.Issues.Select(i => i.Path).ToArray());
        Assert.Equal("team", Single(Rejects(() => TeamsApi.BuildCreate(null))).Path);
        Assert.Equal("""{"id":"ops","name":"Ops"}""", FakeApi.BodyText(TeamsApi.BuildCreate(new Team { Id = "ops", Name = "Ops" })));
    }

    [Fact]
    public void Team_filter_lists_must_not_hold_blank_items_and_never_echo_tokens()
    {
        var team = new Team { Id = "ops", Name = "Ops", AwsAccountIds = ["1", ""], CustomStreamTokens = ["secret-token-value", null!] };
        var error = Rejects(() => TeamsApi.BuildCreate(team));
        Assert.Equal(new[] { "aws_account_ids[1]", "custom_stream_tokens[1]" }, error.Issues.Select(i => i.Path).ToArray());
        Assert.DoesNotContain("secret-token-value", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    public void Team_id_path_parameter_must_be_usable(string? teamId)
    {
        Assert.Equal("team_id", Single(Rejects(() => TeamsApi.BuildGet(teamId))).Path);
        Assert.Equal("team_id", Single(Rejects(() => TeamsApi.BuildDelete(teamId))).Path);
        Assert.Equal("team_id", Single(Rejects(() => TeamsApi.BuildListMembers(teamId))).Path);
    }

    [Fact]
    public async Task Team_update_name_must_not_be_blank()
    {
        var client = new FakeApi().Client();
        var error = await Assert.ThrowsAsync<CloudthreadValidationException>(() => client.UpdateTeamAsync("ops", new TeamUpdate { Name = " " }));
        Assert.Equal("name", Single(error).Path);
        var missing = await Assert.ThrowsAsync<CloudthreadValidationException>(() => client.UpdateTeamAsync("ops", null!));
        Assert.Equal("update", Single(missing).Path);
    }

    [Fact]
    public void Team_members_change_needs_user_ids()
    {
        Assert.Equal("users_ids", Single(Rejects(() => TeamsApi.BuildAddMembers("ops", Array.Empty<string>()))).Path);
        Assert.Equal("users_ids", Single(Rejects(() => TeamsApi.BuildRemoveMembers("ops", null))).Path);
        var issue = Single(Rejects(() => TeamsApi.BuildAddMembers("ops", new[] { "u-1", " " })));
        Assert.Equal(("users_ids[1]", (int?)1), (issue.Path, issue.ItemIndex));
        var accepted = TeamsApi.BuildRemoveMembers("ops", new[] { "u-1" });
        Assert.Equal("/teams/ops/members/delete", accepted.Path);
        Assert.Equal("""{"users_ids":["u-1"]}""", FakeApi.BodyText(accepted));
    }

    [Fact]
    public void Tag_catalog_key_is_required()
    {
        Assert.Equal("catalog_key", Single(Rejects(() => TagCatalogApi.BuildGet(""))).Path);
        Assert.Equal("environment", QueryValue(TagCatalogApi.BuildGet("environment"), "catalog_key"));
    }

    [Fact]
    public void Opportunity_query_tags_must_not_be_null()
    {
        var query = new SavingsOpportunityQuery { Tags = [new Tag { Key = "a", Value = "b" }, null!] };
        Assert.Equal("tags[1]", Single(Rejects(() => OpportunitiesApi.BuildList(query))).Path);
        Assert.Equal("{}", FakeApi.BodyText(OpportunitiesApi.BuildList(null)));
    }

    [Theory]
    [InlineData("FETCH", "/teams", null, "method")]
    [InlineData("", "/teams", null, "method")]
    [InlineData("GET", "", null, "path")]
    [InlineData("GET", "https://evil.example.com/teams", null, "path")]
    [InlineData("GET", "//evil.example.com/teams", null, "path")]
    [InlineData("GET", "/teams#x", null, "path")]
    [InlineData("POST", "/teams", "{not json", "body")]
    public void Raw_request_rules(string method, string path, string? body, string field) =>
        Assert.Equal(field, Single(Rejects(() => RawApi.Build(method, path, null, body))).Path);

    [Fact]
    public async Task Validation_failure_sends_nothing()
    {
        var api = new FakeApi();
        var client = api.Client();
        await Assert.ThrowsAsync<CloudthreadValidationException>(() => client.CreateEventsAsync(Array.Empty<CloudthreadEvent>()));
        await Assert.ThrowsAsync<CloudthreadValidationException>(() => client.AddTeamMembersAsync("ops", Array.Empty<string>()));
        Assert.Empty(api.Requests);
    }
}
