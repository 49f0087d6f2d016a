using Cloudthread.Client.Models;
using Cloudthread.Emulator;

namespace Cloudthread.Client.Tests.Typed;

/// <summary>One emulator (dynamic loopback port) for the class; each test starts from the demo org (docs/emulator.md).</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    public EmulatorServer Server { get; private set; } = null!;

    public CloudthreadClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await EmulatorServer.StartAsync(new EmulatorOptions { Quiet = true });
        Client = new CloudthreadClient(new CloudthreadClientOptions
        {
            BaseUri = Server.BaseUri,
            ApiKey = EmulatorOptions.DemoApiKey,
            Proxy = new ProxyOptions { Mode = ProxyMode.None },
            Retry = new RetryOptions { MaxAttempts = 1 },
        });
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}

/// <summary>Every typed operation against the emulator: real HTTP, real validation on the server side.</summary>
public sealed class EmulatorEndToEndTests : IClassFixture<EmulatorFixture>, IAsyncLifetime
{
    private readonly EmulatorFixture _emulator;

    public EmulatorEndToEndTests(EmulatorFixture emulator) => _emulator = emulator;

    private CloudthreadClient Client => _emulator.Client;

    public async Task InitializeAsync() => await Client.SendAsync("POST", "/_emulator/reset");

    public Task DisposeAsync() => Task.CompletedTask;

    private static MetricQuery Days(int day1, int day2, MetricGranularity granularity = MetricGranularity.Day) =>
        new() { Start = new DateTime(2026, 1, day1), End = new DateTime(2026, 1, day2), Granularity = granularity };

    [Fact]
    public async Task Events_are_stored_with_their_team_and_utc_hour()
    {
        await Client.CreateEventsAsync(new[]
        {
            new CloudthreadEvent { Timestamp = new DateTime(2026, 1, 5, 9, 0, 0, DateTimeKind.Utc), Type = "deploy", Description = "v2", Url = "https://ci.example.com/1", TeamId = "42" },
            new CloudthreadEvent { Timestamp = new DateTime(2026, 1, 5, 10, 0, 0, DateTimeKind.Utc), Type = "outage", TeamId = "platform" },
        });

        var stored = (IList<object?>)(await Client.SendAsync("GET", "/_emulator/events")).Json!;
        Assert.Equal(2, stored.Count);
        var first = (IDictionary<string, object?>)stored[0]!;
        Assert.Contains("2026-01-05", (string)first["timestamp"]!, StringComparison.Ordinal);
        Assert.Equal("42", Convert.ToString(first["team_id"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("deploy", ((IDictionary<string, object?>)first["payload"]!)["type"]);
    }

    [Fact]
    public async Task Events_in_the_space_separated_format_are_accepted()
    {
        using var client = new CloudthreadClient(new CloudthreadClientOptions
        {
            BaseUri = _emulator.Server.BaseUri,
            ApiKey = EmulatorOptions.DemoApiKey,
            Proxy = new ProxyOptions { Mode = ProxyMode.None },
            TimestampFormat = TimestampFormat.SpaceSeparated,
        });
        await client.CreateEventsAsync(new[] { new CloudthreadEvent { Timestamp = new DateTime(2026, 2, 1, 23, 0, 0, DateTimeKind.Utc), Type = "deploy" } });
        var stored = (IList<object?>)(await client.SendAsync("GET", "/_emulator/events")).Json!;
        Assert.Contains("2026-02-01", (string)((IDictionary<string, object?>)Assert.Single(stored)!)["timestamp"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_read_only_key_reads_but_may_not_write()
    {
        using var client = new CloudthreadClient(new CloudthreadClientOptions
        {
            BaseUri = _emulator.Server.BaseUri,
            ApiKey = EmulatorOptions.DemoReadOnlyApiKey,
            Proxy = new ProxyOptions { Mode = ProxyMode.None },
        });
        Assert.NotEmpty(await client.GetTeamsAsync());
        var error = await Assert.ThrowsAsync<CloudthreadApiException>(() => client.CreateTeamAsync(new Team { Id = "ro", Name = "RO" }));
        Assert.Equal((CloudthreadErrorKind.PermissionDenied, 403), (error.Kind, error.StatusCode!.Value));
    }

    [Fact]
    public async Task Event_for_an_unknown_team_is_not_found()
    {
        var error = await Assert.ThrowsAsync<CloudthreadApiException>(() =>
            Client.CreateEventsAsync(new[] { new CloudthreadEvent { Timestamp = new DateTime(2026, 1, 5, 9, 0, 0, DateTimeKind.Utc), Type = "deploy", TeamId = "no-such-team" } }));
        Assert.Equal((CloudthreadErrorKind.NotFound, 404, "TeamNotFound"), (error.Kind, error.StatusCode!.Value, error.ErrorCode));
    }

    [Fact]
    public async Task Tag_catalog_is_read_and_an_unknown_key_is_not_found()
    {
        var tags = await Client.GetTagCatalogAsync("environment");
        Assert.Equal(new[] { "environment=development", "environment=production", "environment=staging" }, tags.Select(t => t.ToString()).OrderBy(s => s, StringComparer.Ordinal).ToArray());
        var error = await Assert.ThrowsAsync<CloudthreadApiException>(() => Client.GetTagCatalogAsync("no-such-catalog"));
        Assert.Equal(CloudthreadErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public async Task Cost_view_rows_cover_the_inclusive_range()
    {
        var daily = await Client.GetCostViewDataAsync("cv-total", Days(1, 3));
        Assert.Equal(new[] { new DateTime(2026, 1, 1), new DateTime(2026, 1, 2), new DateTime(2026, 1, 3) }, daily.Select(r => r.Date).ToArray());
        Assert.All(daily, r => Assert.Equal(("cv-total", MetricGranularity.Day), (r.CostViewId, r.Granularity)));
        Assert.All(daily, r => Assert.NotNull(r.CurrentTimeframeCost));

        var hourly = await Client.GetCostViewDataAsync("cv-compute", Days(2, 2, MetricGranularity.Hour));
        Assert.Equal(24, hourly.Count);
        Assert.Equal(new DateTime(2026, 1, 2, 23, 0, 0), hourly[^1].Date);
        Assert.Equal("2026010223", hourly[^1].RawDate);

        var again = await Client.GetCostViewDataAsync("cv-total", Days(1, 3));
        Assert.Equal(daily.Select(r => r.CurrentTimeframeCost), again.Select(r => r.CurrentTimeframeCost));
    }

    [Fact]
    public async Task Unit_metric_rows_are_read_and_unknown_ids_are_not_found()
    {
        var rows = await Client.GetUnitMetricDataAsync("um-cost-per-request", Days(10, 12));
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Equal("um-cost-per-request", r.UnitMetricId));
        Assert.All(rows, r => Assert.NotNull(r.CurrentTimeframeDenominator));
        var error = await Assert.ThrowsAsync<CloudthreadApiException>(() => Client.GetCostViewDataAsync("cv-nope", Days(1, 2)));
        Assert.Equal(CloudthreadErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public async Task Users_are_listed_and_created()
    {
        var users = await Client.GetUsersAsync();
        Assert.Equal(new[] { "u-1001", "u-1002", "u-1003", "u-1004", "u-1005" }, users.Select(u => u.Id).OrderBy(s => s, StringComparer.Ordinal).ToArray());
        Assert.Equal("Admin", users.Single(u => u.Id == "u-1001").Role);

        var created = await Client.CreateUserAsync(new NewUserRequest { Email = "frank@example.com", Name = "Frank Fox", Role = UserRole.Admin, TeamId = "data" });
        Assert.Equal(("frank@example.com", "Frank Fox"), (created.Email, created.Name));
        Assert.False(string.IsNullOrEmpty(created.Id));
        Assert.Contains(await Client.GetUsersAsync(), u => u.Email == "frank@example.com");
        Assert.Contains(await Client.GetTeamMembersAsync("data"), u => u.Email == "frank@example.com");

        var duplicate = await Assert.ThrowsAsync<CloudthreadApiException>(() => Client.CreateUserAsync(new NewUserRequest { Email = "frank@example.com", Name = "Again" }));
        Assert.Equal((CloudthreadErrorKind.Validation, 400), (duplicate.Kind, duplicate.StatusCode!.Value));
    }

    [Fact]
    public async Task Teams_are_created_read_updated_and_deleted()
    {
        var teams = await Client.GetTeamsAsync();
        Assert.Equal(new[] { "42", "data", "platform" }, teams.Select(t => t.Id).OrderBy(s => s, StringComparer.Ordinal).ToArray());
        Assert.Equal("Team Forty-Two", (await Client.GetTeamAsync("42")).Name);

        var created = await Client.CreateTeamAsync(new Team { Id = "finops", Name = "FinOps", SlackChannel = "#finops", AwsServices = ["Amazon S3"] });
        Assert.Equal(("finops", "FinOps"), (created.Id, created.Name));

        var updated = await Client.UpdateTeamAsync("finops", new TeamUpdate { Name = "FinOps Guild", AwsRegionNames = ["eu-west-1"] });
        Assert.Equal("FinOps Guild", updated.Name);
        var read = await Client.GetTeamAsync("finops");
        Assert.Equal(("FinOps Guild", "#finops"), (read.Name, read.SlackChannel));
        Assert.Equal(["Amazon S3"], read.AwsServices!);
        Assert.Equal(["eu-west-1"], read.AwsRegionNames!);

        await Client.DeleteTeamAsync("finops");
        var gone = await Assert.ThrowsAsync<CloudthreadApiException>(() => Client.GetTeamAsync("finops"));
        Assert.Equal((CloudthreadErrorKind.NotFound, "TeamNotFound"), (gone.Kind, gone.ErrorCode));
    }

    [Fact]
    public async Task Team_creation_errors_come_from_the_server()
    {
        var duplicate = await Assert.ThrowsAsync<CloudthreadApiException>(() => Client.CreateTeamAsync(new Team { Id = "platform", Name = "Again" }));
        Assert.Equal(CloudthreadErrorKind.Validation, duplicate.Kind);
        var slack = await Assert.ThrowsAsync<CloudthreadApiException>(() => Client.CreateTeamAsync(new Team { Id = "x", Name = "X", SlackChannel = "#nowhere" }));
        Assert.Equal(CloudthreadErrorKind.NotFound, slack.Kind);
    }

    [Fact]
    public async Task Members_are_assigned_and_removed()
    {
        Assert.Equal(new[] { "u-1001", "u-1002" }, (await Client.GetTeamMembersAsync("platform")).Select(u => u.Id).OrderBy(s => s, StringComparer.Ordinal).ToArray());
        var afterAdd = await Client.AddTeamMembersAsync("platform", new[] { "u-1003" });
        Assert.Contains(afterAdd, u => u.Id == "u-1003");
        var afterRemove = await Client.RemoveTeamMembersAsync("platform", new[] { "u-1002" });
        Assert.Equal(new[] { "u-1001", "u-1003" }, afterRemove.Select(u => u.Id).OrderBy(s => s, StringComparer.Ordinal).ToArray());
        var unknown = await Assert.ThrowsAsync<CloudthreadApiException>(() => Client.AddTeamMembersAsync("platform", new[] { "u-9999" }));
        Assert.Equal(CloudthreadErrorKind.NotFound, unknown.Kind);
    }

    [Fact]
    public async Task One_unknown_user_does_not_block_the_others_and_is_refused_on_its_own()
    {
        var change = await Client.AddTeamMembersEachAsync("data", new[] { "u-1004", "u-9999", "u-1005", "u-9998" });

        Assert.Contains(change.Members!, u => u.Id == "u-1004");
        Assert.Contains(change.Members!, u => u.Id == "u-1005");
        Assert.Equal(new[] { "u-9999", "u-9998" }, change.Refusals.Select(r => Assert.Single(r.Items)));
        Assert.All(change.Refusals, r => Assert.Equal("UserNotFound", ((CloudthreadApiException)r.Error).ErrorCode));
        var team = await Assert.ThrowsAsync<CloudthreadApiException>(() => Client.AddTeamMembersEachAsync("nope", new[] { "u-1004", "u-1005" }));
        Assert.Equal("TeamNotFound", team.ErrorCode);
    }

    [Fact]
    public async Task One_event_with_an_unknown_team_does_not_block_the_others()
    {
        var batcher = new Cloudthread.Client.Events.EventBatcher(Client);
        for (var i = 0; i < 6; i++)
        {
            batcher.Add(new CloudthreadEvent { Timestamp = new DateTime(2026, 1, 5, i, 0, 0, DateTimeKind.Utc), Type = "deploy", TeamId = i == 3 ? "nope" : "platform" }, "row " + i);
        }

        var result = (await batcher.SendPendingAsync())!;

        Assert.Equal(new object[] { "row 0", "row 1", "row 2", "row 4", "row 5" }, result.Stored.Select(e => e.Input!));
        var refusal = Assert.Single(result.Refusals);
        Assert.Equal("row 3", Assert.Single(refusal.Items).Input);
        Assert.Equal(CloudthreadErrorKind.NotFound, refusal.Error.Kind);
        Assert.Equal(5, ((IList<object?>)(await Client.SendAsync("GET", "/_emulator/events")).Json!).Count);
    }

    [Fact]
    public async Task Savings_opportunities_are_listed_and_filtered()
    {
        var all = await Client.GetSavingsOpportunitiesAsync(new SavingsOpportunityQuery());
        Assert.Equal(Enumerable.Range(1, 12).Select(i => (long)i), all.Select(o => o.Id).OrderBy(i => i));
        Assert.All(all, o => Assert.NotNull(o.CreatedAt));
        Assert.All(all, o => Assert.NotNull(o.OpportunityDetails));
        Assert.Contains(all, o => o.ThreadId is not null && o.GithubPrKey is not null);
        var sample = all[0];
        var byStatus = await Client.GetSavingsOpportunitiesAsync(new SavingsOpportunityQuery { Status = sample.Status });
        Assert.Equal(all.Where(o => o.Status == sample.Status).Select(o => o.Id).OrderBy(i => i), byStatus.Select(o => o.Id).OrderBy(i => i));
        Assert.True(byStatus.Count < all.Count);

        // Filters combine with AND.
        var both = await Client.GetSavingsOpportunitiesAsync(new SavingsOpportunityQuery { Status = sample.Status, Source = sample.Source });
        Assert.Equal(all.Where(o => o.Status == sample.Status && o.Source == sample.Source).Select(o => o.Id).OrderBy(i => i), both.Select(o => o.Id).OrderBy(i => i));
        Assert.Contains(both, o => o.Id == sample.Id);
    }

    [Fact]
    public async Task Generic_request_reads_json_and_server_errors_keep_their_details()
    {
        var raw = await Client.SendAsync("GET", "teams");
        Assert.Equal(3, ((IList<object?>)raw.Json!).Count);
        var error = await Assert.ThrowsAsync<CloudthreadApiException>(() =>
            Client.SendAsync("POST", "/events", jsonBody: """{"data":[{"timestamp":"2026-01-01T10:30:00Z","payload":{"type":"deploy"}}]}"""));
        Assert.Equal(CloudthreadErrorKind.Validation, error.Kind);
        Assert.Contains(error.Details, d => d.Path == "data[0].timestamp");
    }
}
