using Cloudthread.Emulator.Tests.Infrastructure;

namespace Cloudthread.Emulator.Tests;

/// <summary>Hostile input on every operation: never a 5xx, never a crash, never a change to stored data.</summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private static readonly string[] Bodies =
    [
        "null", "[]", "\"text\"", "1", "true", "{}", "{\"data\":null}", "{\"data\":{}}", "{\"data\":[null]}", "{\"data\":[[]]}",
        "{\"data_stream_token\":1,\"metric_agg_func\":[],\"data\":[{\"timestamp\":{},\"metric_name\":[],\"metric_value\":{},\"custom_dimensions\":\"x\"}]}",
        "{\"data_stream_token\":\"ct-demo-stream-token\",\"metric_agg_func\":\"Sum\",\"data\":[{\"timestamp\":-1,\"metric_name\":\"m\",\"metric_value\":1},{\"timestamp\":99999999999999,\"metric_name\":\"m\",\"metric_value\":1},{\"timestamp\":\"0001-01-01T00:00:00+01:00\",\"metric_name\":\"m\",\"metric_value\":1},{\"timestamp\":\"9999-12-31T23:00:00-05:00\",\"metric_name\":\"m\",\"metric_value\":1}]}",
        "{\"data\":[{\"timestamp\":\"2026-01-01T00:00:00Z\",\"team_id\":{},\"payload\":[]}]}",
        "{\"data\":[{\"timestamp\":\"2026-01-01T00:00:00Z\",\"team_id\":99999999999999999999,\"payload\":{\"type\":1,\"description\":[],\"event_url\":\"http://\"}}]}",
        "{\"id\":{},\"name\":[],\"slack_channel\":5,\"aws_tags\":{},\"opportunity_priorities\":[1.5,99999999999]}",
        "{\"users_ids\":[1,null,\"\"]}", "{\"users_ids\":null}",
        "{\"email\":[],\"name\":{},\"role\":null,\"team_id\":true}",
        "{\"status\":1,\"tags\":[{\"Key\":1}],\"thread_id\":\"x\",\"priority\":1e300,\"last_detected_end_date\":\"2026-13-45\"}",
        "{\"a\":\"\\ud800\"}", "{\"data\":[{\"timestamp\":\"2026-01-01T00:00:00Z\",\"metric_name\":\"\\u0000\",\"metric_value\":1}]}",
    ];

    /// <summary>Every operation that reads a body (HostileRequestTests uses them too).</summary>
    internal static readonly (string Method, string Path)[] Operations =
    [
        ("POST", "/streams/ingest"), ("POST", "/events"), ("POST", "/users"), ("POST", "/teams"),
        ("PATCH", "/teams/platform"), ("POST", "/teams/platform/members/assign"), ("POST", "/teams/platform/members/delete"),
        ("POST", "/cost-optimization/opportunities/list"),
    ];

    private TestEmulator _emu = null!;

    public async Task InitializeAsync() => _emu = await TestEmulator.StartAsync();

    public async Task DisposeAsync() => await _emu.DisposeAsync();

    [Fact]
    public async Task Hostile_bodies_never_cause_a_server_error()
    {
        var before = (await _emu.AdminGetAsync("custom-data")).GetRawText();
        var teamsBefore = (await _emu.GetAsync("/teams")).Body;
        var usersBefore = (await _emu.GetAsync("/users")).Body;
        foreach (var (method, path) in Operations)
        {
            foreach (var body in Bodies)
            {
                var result = await _emu.SendAsync(new HttpMethod(method), path, body);
                Assert.True(result.Code < 500, $"{method} {path} with {body}: {result.Code} {result.Body}");
            }
        }

        Assert.Equal(before, (await _emu.AdminGetAsync("custom-data")).GetRawText());
        Assert.Equal(teamsBefore, (await _emu.GetAsync("/teams")).Body);
        Assert.Equal(usersBefore, (await _emu.GetAsync("/users")).Body);
        Assert.Equal(0, (await _emu.AdminGetAsync("events")).GetArrayLength());
    }

    [Theory]
    [InlineData("start_date=0001-01-01&end_date=0001-01-02")]
    [InlineData("start_date=9999-12-30&end_date=9999-12-31")]
    [InlineData("start_date=2026-01-01&end_date=2026-01-02&granularity=")]
    [InlineData("start_date=2026-01-01&end_date=2026-01-02&cost_type=99999999999999999999")]
    [InlineData("start_date=2026-01-01&end_date=2026-01-02&exclude=,,,")]
    [InlineData("start_date=%00&end_date=%FF")]
    public async Task Odd_metric_queries_never_cause_a_server_error(string query)
    {
        foreach (var path in new[] { "/cost/metric/cv-total?", "/unit/metric/um-cost-per-request?" })
        {
            var result = await _emu.GetAsync(path + query);
            Assert.True(result.Code is 200 or 400, $"{path}{query}: {result.Code} {result.Body}");
        }
    }
}
