using Cloudthread.Emulator.Tests.Infrastructure;

namespace Cloudthread.Emulator.Tests;

public sealed class EventsAndCatalogTests : IAsyncLifetime
{
    private TestEmulator _emu = null!;

    public async Task InitializeAsync() => _emu = await TestEmulator.StartAsync();

    public async Task DisposeAsync() => await _emu.DisposeAsync();

    [Fact]
    public async Task Events_with_numeric_and_string_team_ids_are_stored_in_order()
    {
        var result = await _emu.PostAsync("/events", """
            {"data":[
              {"timestamp":"2026-02-01 10:00:00","team_id":42,"payload":{"type":"deploy","description":"v2","event_url":"https://ci.example.com/1"}},
              {"timestamp":1769940000,"team_id":"platform","payload":{"type":"outage"}},
              {"timestamp":"2026-02-01T12:00:00Z","payload":{"type":"note","unknown":"ignored"}}
            ]}
            """);
        Assert.Equal(201, result.Code);
        var stored = (await _emu.AdminGetAsync("events")).EnumerateArray().ToList();
        Assert.Equal(3, stored.Count);
        Assert.Equal(42, stored[0].GetProperty("team_id").GetInt32());
        Assert.Equal("2026-02-01T10:00:00Z", stored[0].GetProperty("timestamp").GetString());
        Assert.Equal("v2", stored[0].GetProperty("payload").GetProperty("description").GetString());
        Assert.Equal("platform", stored[1].GetProperty("team_id").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, stored[2].GetProperty("team_id").ValueKind);
        Assert.False(stored[2].GetProperty("payload").TryGetProperty("unknown", out _));
    }

    [Fact]
    public async Task Unknown_team_is_404_TeamNotFound_and_no_event_is_stored()
    {
        var result = await _emu.PostAsync("/events", new
        {
            data = new object[]
            {
                new { timestamp = "2026-02-02T00:00:00Z", payload = new { type = "deploy" } },
                new { timestamp = "2026-02-02T00:00:00Z", team_id = 7, payload = new { type = "deploy" } },
            },
        });
        Assert.Equal(404, result.Code);
        Assert.Equal("TeamNotFound", result.ErrorCode);
        Assert.Equal("data[1].team_id", Assert.Single(result.Details).Path);
        Assert.Equal(0, (await _emu.AdminGetAsync("events")).GetArrayLength());
    }

    [Fact]
    public async Task Event_fields_are_validated_all_at_once()
    {
        var result = await _emu.PostAsync("/events", new
        {
            data = new object[]
            {
                new { timestamp = "2026-02-03T00:15:00Z", payload = new { type = "deploy" } },
                new { timestamp = "2026-02-03T00:00:00Z", payload = new { description = "no type" } },
                new { timestamp = "2026-02-03T00:00:00Z", payload = new { type = "x", description = new string('d', 1001) } },
                new { timestamp = "2026-02-03T00:00:00Z", payload = new { type = "x", event_url = "/relative" } },
                new { timestamp = "2026-02-03T00:00:00Z", payload = new { type = "x", event_url = "ftp://example.com/f" } },
                new { timestamp = "2026-02-03T00:00:00Z", team_id = 1.5, payload = new { type = "x" } },
                new { timestamp = "2026-02-03T00:00:00Z" },
            },
        });
        Assert.Equal(400, result.Code);
        var paths = result.Details.Select(d => d.Path).ToList();
        Assert.Equal(
            ["data[0].timestamp", "data[1].payload.type", "data[2].payload.description", "data[3].payload.event_url",
             "data[4].payload.event_url", "data[5].team_id", "data[6].payload"],
            paths);
        Assert.Equal(0, (await _emu.AdminGetAsync("events")).GetArrayLength());
    }

    [Fact]
    public async Task Description_of_exactly_1000_characters_is_accepted()
    {
        var result = await _emu.PostAsync("/events", new { data = new[] { new { timestamp = "2026-02-04T00:00:00Z", payload = new { type = "x", description = new string('d', 1000) } } } });
        Assert.Equal(201, result.Code);
    }

    [Fact]
    public async Task Empty_or_missing_data_is_400()
    {
        Assert.Equal("data", Assert.Single((await _emu.PostAsync("/events", new { data = Array.Empty<object>() })).Details).Path);
        Assert.Equal("data", Assert.Single((await _emu.PostAsync("/events", new { })).Details).Path);
        Assert.Equal(400, (await _emu.SendAsync(HttpMethod.Post, "/events", null)).Code);
    }

    [Fact]
    public async Task Tag_catalog_answers_tags_400_without_key_and_404_for_unknown()
    {
        var ok = await _emu.GetAsync("/tag-catalog?catalog_key=environment");
        Assert.Equal(200, ok.Code);
        var tags = ok.Json.GetProperty("tags").EnumerateArray().Select(t => t.GetProperty("Key").GetString() + "=" + t.GetProperty("Value").GetString()).ToList();
        Assert.Equal(["environment=production", "environment=staging", "environment=development"], tags);
        var missing = await _emu.GetAsync("/tag-catalog");
        Assert.Equal(400, missing.Code);
        Assert.Equal("catalog_key", Assert.Single(missing.Details).Path);
        var unknown = await _emu.GetAsync("/tag-catalog?catalog_key=nope");
        Assert.Equal(404, unknown.Code);
        Assert.Equal("CatalogNotFound", unknown.ErrorCode);
    }
}
