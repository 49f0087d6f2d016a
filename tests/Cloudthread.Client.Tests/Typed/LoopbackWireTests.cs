using System.Text.Json;
using Cloudthread.Client.Models;

namespace Cloudthread.Client.Tests.Typed;

/// <summary>Each operation through the real HTTP core against a loopback server: what goes over the wire, what comes back.</summary>
public sealed class LoopbackWireTests
{
    private static readonly MetricQuery January = new()
    {
        Start = new DateTime(2026, 1, 1),
        End = new DateTime(2026, 1, 31),
        Granularity = MetricGranularity.Month,
        CostType = "Net Amortized",
        Amortization = true,
        Exclude = new[] { "Credit", "Tax" },
    };

    [Fact]
    public async Task Events_are_posted_as_json_with_the_key()
    {
        await using var server = await RouteServer.StartAsync();
        server.On("POST /events", 201);
        using var client = server.Client();
        await client.CreateEventsAsync(new[] { new CloudthreadEvent { Timestamp = new DateTime(2026, 1, 1, 5, 0, 0, DateTimeKind.Utc), Type = "deploy", TeamId = "42" } });

        var seen = Assert.Single(server.Seen);
        Assert.Equal(("POST", "/events", "test-key"), (seen.Method, seen.RawPath, seen.ApiKey));
        Assert.StartsWith("application/json", seen.ContentType, StringComparison.Ordinal);
        Assert.Equal("""{"data":[{"timestamp":"2026-01-01T05:00:00Z","team_id":42,"payload":{"type":"deploy"}}]}""", seen.Body);
    }

    [Fact]
    public async Task Reads_send_escaped_queries_and_parse_answers()
    {
        await using var server = await RouteServer.StartAsync();
        server.On("GET /tag-catalog", 200, """{"tags":[{"Key":"cost center","Value":"cc-100"}]}""")
            .On("GET /cost/metric/cv%2Ftotal", 200, """{"data":[{"current_timeframe_cost":12.5,"date":"20260101"}]}""")
            .On("GET /unit/metric/um-cost-per-request", 200, """{"data":[{"current_timeframe_unit_metric":0.25,"d_agg_func":"SUM","date":"20260101"}]}""")
            .On("GET /users", 200, """[{"id":"u-1001","email":"alice.admin@example.com","name":"Alice Admin","role":"Admin"}]""")
            .On("POST /cost-optimization/opportunities/list", 200, """[{"id":4,"status":"Open","opportunity_details":{"k":[1]}}]""");
        using var client = server.Client();

        Assert.Equal("cost center=cc-100", (await client.GetTagCatalogAsync("cost center&x")).Single().ToString());
        var cost = (await client.GetCostViewDataAsync("cv/total", January)).Single();
        Assert.Equal(("cv/total", new DateTime(2026, 1, 1), 12.5), (cost.CostViewId, cost.Date, cost.CurrentTimeframeCost!.Value));
        Assert.Equal("SUM", (await client.GetUnitMetricDataAsync("um-cost-per-request", January)).Single().DenominatorAggregation);
        Assert.Equal("Admin", (await client.GetUsersAsync()).Single().Role);
        var opportunity = (await client.GetSavingsOpportunitiesAsync(new SavingsOpportunityQuery { Region = "us-east-1" })).Single();
        Assert.Equal(new object?[] { 1L }, ((IList<object?>)opportunity.OpportunityDetails!["k"]!).ToArray());

        var seen = server.Seen.ToArray();
        Assert.Equal("catalog_key=cost%20center%26x", seen[0].RawQuery);
        Assert.Equal("start_date=2026-01-01&end_date=2026-01-31&granularity=month&cost_type=Net%20Amortized&amortization=true&exclude=Credit%2CTax", seen[1].RawQuery);
        Assert.Equal("/unit/metric/um-cost-per-request", seen[2].RawPath);
        Assert.Equal("""{"region":"us-east-1"}""", seen[4].Body);
    }

    [Fact]
    public async Task Teams_and_members_round_trip_with_escaped_ids()
    {
        const string Team = """{"id":"a/b","name":"Slash","aws_services":["Amazon S3"]}""";
        const string Members = """[{"id":"u-1002","email":"bob@example.com","name":"Bob Builder"}]""";
        await using var server = await RouteServer.StartAsync();
        server.On("GET /teams", 200, "[" + Team + "]")
            .On("POST /teams", 200, Team)
            .On("GET /teams/a%2Fb", 200, Team)
            .On("PATCH /teams/a%2Fb", 200, """{"id":"a/b","name":"Renamed","aws_services":["Amazon S3"]}""")
            .On("DELETE /teams/a%2Fb", 204)
            .On("GET /teams/a%2Fb/members", 200, Members)
            .On("POST /teams/a%2Fb/members/assign", 200, Members)
            .On("POST /teams/a%2Fb/members/delete", 200, "[]");
        using var client = server.Client();

        Assert.Equal("a/b", (await client.GetTeamsAsync()).Single().Id);
        Assert.Equal("Slash", (await client.CreateTeamAsync(new Team { Id = "a/b", Name = "Slash", AwsServices = ["Amazon S3"] })).Name);
        Assert.Equal("Renamed", (await client.UpdateTeamAsync("a/b", new TeamUpdate { Name = "Renamed" })).Name);
        await client.DeleteTeamAsync("a/b");
        Assert.Equal("u-1002", (await client.GetTeamMembersAsync("a/b")).Single().Id);
        Assert.Single(await client.AddTeamMembersAsync("a/b", new[] { "u-1002" }));
        Assert.Empty(await client.RemoveTeamMembersAsync("a/b", new[] { "u-1002" }));

        var seen = server.Seen.ToArray();
        Assert.Equal(
            new[]
            {
                "GET /teams", "POST /teams", "GET /teams/a%2Fb", "PATCH /teams/a%2Fb", "DELETE /teams/a%2Fb", "GET /teams/a%2Fb/members",
                "POST /teams/a%2Fb/members/assign", "POST /teams/a%2Fb/members/delete",
            },
            seen.Select(s => s.Method + " " + s.RawPath).ToArray());
        Assert.Equal("""{"id":"a/b","name":"Renamed","aws_services":["Amazon S3"]}""", seen[3].Body);
        Assert.Equal("""{"users_ids":["u-1002"]}""", seen[6].Body);
    }

    [Theory]
    [InlineData(404)]
    [InlineData(405)]
    public async Task Create_user_on_a_server_without_the_extension_is_not_supported(int status)
    {
        await using var server = await RouteServer.StartAsync();
        server.On("POST /users", status, """{"code":"NotFound","message":"no route"}""");
        using var client = server.Client();
        var error = await Assert.ThrowsAsync<CloudthreadApiException>(() => client.CreateUserAsync(new NewUserRequest { Email = "n@example.com", Name = "N" }));
        Assert.Equal(CloudthreadErrorKind.NotSupported, error.Kind);
        Assert.Contains("invite users in the Cloudthread web app: Settings, User Management, Invite User", error.Message, StringComparison.Ordinal);
        Assert.Equal(status, error.StatusCode);
    }

    [Fact]
    public async Task Create_user_with_an_unknown_team_stays_not_found()
    {
        await using var server = await RouteServer.StartAsync();
        server.On("POST /users", 404, """{"code":"TeamNotFound","message":"team nope not found"}""");
        using var client = server.Client();
        var error = await Assert.ThrowsAsync<CloudthreadApiException>(() => client.CreateUserAsync(new NewUserRequest { Email = "n@example.com", Name = "N", TeamId = "nope" }));
        Assert.Equal(CloudthreadErrorKind.NotFound, error.Kind);
        Assert.Equal("TeamNotFound", error.ErrorCode);
    }

    [Fact]
    public async Task Stream_tokens_of_a_team_never_reach_an_error_message()
    {
        await using var server = await RouteServer.StartAsync();
        server.On("POST /teams", 400, """{"code":"ValidationFailed","message":"bad token secret-stream-token-1"}""");
        using var client = server.Client("secret-api-key");
        var error = await Assert.ThrowsAsync<CloudthreadApiException>(() =>
            client.CreateTeamAsync(new Team { Id = "t", Name = "T", CustomStreamTokens = ["secret-stream-token-1"] }));
        Assert.DoesNotContain("secret-stream-token-1", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("secret-api-key", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generic_request_returns_text_and_tree()
    {
        await using var server = await RouteServer.StartAsync();
        server.On("PUT /anything/x", 200, """{"a":[1,"two",null]}""");
        using var client = server.Client();
        var raw = await client.SendAsync("put", "anything/x?b=1", new Dictionary<string, string> { ["c"] = "d e" }, """{"z":true}""");
        Assert.Equal(200, raw.StatusCode);
        Assert.Equal("""{"a":[1,"two",null]}""", raw.Body);
        var tree = (IDictionary<string, object?>)raw.Json!;
        Assert.Equal(new object?[] { 1L, "two", null }, ((IList<object?>)tree["a"]!).ToArray());
        var seen = Assert.Single(server.Seen);
        Assert.Equal(("b=1&c=d%20e", """{"z":true}"""), (seen.RawQuery, seen.Body));
        Assert.True(JsonDocument.Parse(seen.Body).RootElement.GetProperty("z").GetBoolean());
    }
}
