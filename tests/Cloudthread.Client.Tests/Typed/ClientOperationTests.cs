using Cloudthread.Client.Models;

namespace Cloudthread.Client.Tests.Typed;

/// <summary>The async glue of each operation: the request it sends and what it makes of the answer (no network).</summary>
public sealed class ClientOperationTests
{
    [Fact]
    public async Task Operations_send_the_built_request_and_parse_the_answer()
    {
        const string Users = """[{"id":"u-1001","email":"alice.admin@example.com","name":"Alice Admin"}]""";
        var api = new FakeApi()
            .Answer(201, "")
            .Answer(200, """{"tags":[{"Key":"environment","Value":"production"}]}""")
            .Answer(200, """{"data":[{"current_timeframe_cost":1,"date":"20260101"}]}""")
            .Answer(200, """{"data":[{"current_timeframe_unit_metric":2,"date":"2026010101"}]}""")
            .Answer(200, Users)
            .Answer(200, """[{"id":"platform","name":"Platform"}]""")
            .Answer(200, """{"id":"platform","name":"Platform"}""")
            .Answer(200, """{"id":"ops","name":"Ops"}""")
            .Answer(204, "")
            .Answer(200, Users)
            .Answer(200, Users)
            .Answer(200, "[]")
            .Answer(200, """[{"id":1,"status":"Open"}]""")
            .Answer(200, """{"ok":true}""");
        using var client = api.Client();
        var query = new MetricQuery { Start = new DateTime(2026, 1, 1), End = new DateTime(2026, 1, 2), Granularity = MetricGranularity.Hour };

        await client.CreateEventsAsync(new[] { new CloudthreadEvent { Timestamp = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), Type = "deploy" } });
        Assert.Equal("environment", (await client.GetTagCatalogAsync("environment"))[0].Key);
        Assert.Equal("cv-total", (await client.GetCostViewDataAsync("cv-total", query))[0].CostViewId);
        var unit = (await client.GetUnitMetricDataAsync("um-1", query))[0];
        Assert.Equal((MetricGranularity.Hour, new DateTime(2026, 1, 1, 1, 0, 0)), (unit.Granularity, unit.Date));
        Assert.Equal("u-1001", (await client.GetUsersAsync())[0].Id);
        Assert.Equal("platform", (await client.GetTeamsAsync())[0].Id);
        Assert.Equal("Platform", (await client.GetTeamAsync("platform")).Name);
        Assert.Equal("Ops", (await client.CreateTeamAsync(new Team { Id = "ops", Name = "Ops" })).Name);
        await client.DeleteTeamAsync("ops");
        Assert.Single(await client.GetTeamMembersAsync("platform"));
        Assert.Single(await client.AddTeamMembersAsync("platform", new[] { "u-1001" }));
        Assert.Empty(await client.RemoveTeamMembersAsync("platform", new[] { "u-1001" }));
        Assert.Equal("Open", (await client.GetSavingsOpportunitiesAsync(new SavingsOpportunityQuery { Status = "Open" }))[0].Status);
        var raw = await client.SendAsync("get", "users", new Dictionary<string, string> { ["x"] = "1" });
        Assert.Equal(true, ((IDictionary<string, object?>)raw.Json!)["ok"]);

        Assert.Equal(
            new[]
            {
                "POST /events", "GET /tag-catalog", "GET /cost/metric/cv-total", "GET /unit/metric/um-1", "GET /users", "GET /teams",
                "GET /teams/platform", "POST /teams", "DELETE /teams/ops", "GET /teams/platform/members", "POST /teams/platform/members/assign",
                "POST /teams/platform/members/delete", "POST /cost-optimization/opportunities/list", "GET /users",
            },
            api.Requests.Select(r => r.Method.Method + " " + r.Path).ToArray());
    }

    [Fact]
    public async Task Cancellation_reaches_the_transport()
    {
        using var cts = new CancellationTokenSource();
        CancellationToken seen = default;
        using var client = new CloudthreadClient(new CloudthreadClientOptions(), (request, token) =>
        {
            seen = token;
            return Task.FromResult(FakeApi.Response("[]"));
        });
        await client.GetUsersAsync(cts.Token);
        Assert.Equal(cts.Token, seen);
    }
}
