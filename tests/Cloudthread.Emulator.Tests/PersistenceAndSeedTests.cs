using Cloudthread.Emulator.Tests.Infrastructure;

namespace Cloudthread.Emulator.Tests;

public sealed class PersistenceAndSeedTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ct-emulator-tests-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }

    [Fact]
    public async Task Every_accepted_write_survives_a_restart_with_the_data_file()
    {
        var dataFile = Path.Combine(_directory, "ct.db");
        await using (var first = await TestEmulator.StartAsync(o => o.DataFile = dataFile))
        {
            Assert.Equal(201, (await first.PostAsync("/streams/ingest", TestEmulator.Ingest("Sum",
                TestEmulator.Point("persisted", "2026-08-01T00:00:00Z", 1.25, new { b = "2", a = "1" }),
                TestEmulator.Point("requests", "2026-01-01T00:00:00Z", 5, new { region = "us-east-1" })))).Code);
            Assert.Equal(201, (await first.PostAsync("/events", new { data = new object[] { new { timestamp = "2026-08-01T00:00:00Z", team_id = 42, payload = new { type = "deploy" } } } })).Code);
            Assert.Equal(200, (await first.PostAsync("/teams", new { id = "kept", name = "Kept", aws_services = new[] { "Amazon RDS" } })).Code);
            Assert.Equal(201, (await first.PostAsync("/users", new { email = "p@example.com", name = "P", role = "Admin", team_id = "kept" })).Code);
            Assert.Equal(200, (await first.PostAsync("/teams/kept/members/assign", new { users_ids = new[] { "u-1001" } })).Code);
            Assert.Equal(204, (await first.SendAsync(HttpMethod.Delete, "/teams/data", null)).Code);
            Assert.Equal(200, (await first.SendAsync(HttpMethod.Patch, "/teams/42", new { id = "42", name = "Renamed" })).Code);
            Assert.Equal(400, (await first.PostAsync("/streams/ingest", TestEmulator.Ingest("Sum", TestEmulator.Point("rejected", "2026-08-01T00:30:00Z", 1)))).Code);
        }

        await using var second = await TestEmulator.StartAsync(o => o.DataFile = dataFile);
        var data = await second.CustomDataAsync();
        var persisted = Assert.Single(data, r => r.GetProperty("metric_name").GetString() == "persisted");
        Assert.Equal(1.25, persisted.GetProperty("metric_value").GetDouble());
        Assert.Equal("{\"a\":\"1\",\"b\":\"2\"}", persisted.GetProperty("custom_dimensions").GetRawText());
        Assert.Equal(5, data.Single(r => r.GetProperty("metric_name").GetString() == "requests" &&
            r.GetProperty("timestamp").GetString() == "2026-01-01T00:00:00Z" &&
            r.GetProperty("custom_dimensions").GetProperty("region").GetString() == "us-east-1").GetProperty("metric_value").GetDouble());
        Assert.Equal(270 + 1, data.Count);
        Assert.DoesNotContain(data, r => r.GetProperty("metric_name").GetString() == "rejected");

        var events = (await second.AdminGetAsync("events")).EnumerateArray().ToList();
        Assert.Equal(42, Assert.Single(events).GetProperty("team_id").GetInt32());

        var teams = (await second.GetAsync("/teams")).Json.EnumerateArray().Select(t => t.GetProperty("id").GetString()).ToList();
        Assert.Equal(["platform", "42", "kept"], teams);
        Assert.Equal("Renamed", (await second.GetAsync("/teams/42")).Json.GetProperty("name").GetString());
        Assert.Equal("Amazon RDS", (await second.GetAsync("/teams/kept")).Json.GetProperty("aws_services")[0].GetString());
        var members = (await second.GetAsync("/teams/kept/members")).Json.EnumerateArray().Select(u => u.GetProperty("id").GetString()).ToList();
        Assert.Equal(["u-1006", "u-1001"], members);
        Assert.Equal("u-1007", (await second.PostAsync("/users", new { email = "q@example.com", name = "Q", role = "Member" })).Json.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Reset_is_persisted_too()
    {
        var dataFile = Path.Combine(_directory, "reset.db");
        await using (var first = await TestEmulator.StartAsync(o => o.DataFile = dataFile))
        {
            await first.PostAsync("/teams", new { id = "temp", name = "Temp" });
            await first.ResetAsync();
        }

        await using var second = await TestEmulator.StartAsync(o => o.DataFile = dataFile);
        Assert.Equal(404, (await second.GetAsync("/teams/temp")).Code);
        Assert.Equal(3, (await second.GetAsync("/teams")).Json.GetArrayLength());
    }

    [Fact]
    public async Task A_seed_file_replaces_the_demo_org()
    {
        var seedFile = Path.Combine(_directory, "seed.json");
        await File.WriteAllTextAsync(seedFile, """
            {
              "users": [{"id": "u-1", "email": "solo@example.com", "name": "Solo", "role": "Admin"}],
              "teams": [{"id": "t1", "name": "Team One", "members": ["u-1"], "slack_channel": "#only"}],
              "slack_channels": ["#only"],
              "tag_catalogs": {"owner": [{"Key": "owner", "Value": "solo"}]},
              "cost_views": [{"id": "cv-flat", "name": "Flat", "base_daily_cost": 100}],
              "unit_metrics": [{"id": "um-flat", "name": "Flat per widget", "numerator": "cv-flat", "denominator_metric": "widgets", "denominator_agg_func": "Maximum"}],
              "opportunities": [{"id": 99, "source": "Cloudthread", "status": "Open", "cost_impact": 5, "priority": 2, "region": "ap-south-1",
                                 "created_at": "2026-01-01T00:00:00Z", "status_updated_at": "2026-01-02T00:00:00Z", "last_detected_at": "2026-01-03T00:00:00Z"}],
              "custom_data": [
                {"data_stream_token": "ct-demo-stream-token", "metric_name": "widgets", "metric_agg_func": "Maximum", "timestamp": "2026-01-01T05:00:00Z", "metric_value": 4},
                {"data_stream_token": "ct-demo-stream-token", "metric_name": "widgets", "metric_agg_func": "Maximum", "timestamp": "2026-01-01T06:00:00Z", "metric_value": 8}
              ]
            }
            """);
        await using var emu = await TestEmulator.StartAsync(o => o.SeedFile = seedFile);
        Assert.Equal(["u-1"], (await emu.GetAsync("/users")).Json.EnumerateArray().Select(u => u.GetProperty("id").GetString()));
        Assert.Equal("Team One", (await emu.GetAsync("/teams/t1")).Json.GetProperty("name").GetString());
        Assert.Equal(404, (await emu.GetAsync("/teams/platform")).Code);
        Assert.Equal(200, (await emu.GetAsync("/tag-catalog?catalog_key=owner")).Code);
        Assert.Equal(404, (await emu.GetAsync("/tag-catalog?catalog_key=environment")).Code);
        Assert.Equal(404, (await emu.GetAsync("/cost/metric/cv-total?start_date=2026-01-01&end_date=2026-01-01")).Code);
        var unit = (await emu.GetAsync("/unit/metric/um-flat?start_date=2026-01-01&end_date=2026-01-01")).Json.GetProperty("data")[0];
        Assert.Equal(8, unit.GetProperty("current_timeframe_denominator").GetDouble());
        Assert.Equal("MAXIMUM", unit.GetProperty("d_agg_func").GetString());
        var opportunities = (await emu.PostAsync("/cost-optimization/opportunities/list", new { region = "ap-south-1" })).Json;
        Assert.Equal(99, Assert.Single(opportunities.EnumerateArray()).GetProperty("id").GetInt32());
        Assert.Equal(2, (await emu.CustomDataAsync()).Count);
        Assert.Equal(404, (await emu.PostAsync("/teams", new { id = "t2", name = "Two", slack_channel = "#finops" })).Code);
    }

    [Fact]
    public async Task A_bad_seed_file_stops_the_start_with_the_problems()
    {
        var seedFile = Path.Combine(_directory, "bad-seed.json");
        await File.WriteAllTextAsync(seedFile, """{"users": [{"id": "u-1", "name": "No Email"}], "teams": [{"id": "t", "name": "T", "members": ["u-9"]}]}""");
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => EmulatorServer.StartAsync(new EmulatorOptions { SeedFile = seedFile, Quiet = true }));
        Assert.Contains("users[0].email", error.Message, StringComparison.Ordinal);
        Assert.Contains("u-9", error.Message, StringComparison.Ordinal);

        await File.WriteAllTextAsync(seedFile, "{ not json");
        await Assert.ThrowsAsync<InvalidDataException>(() => EmulatorServer.StartAsync(new EmulatorOptions { SeedFile = seedFile, Quiet = true }));
    }
}
