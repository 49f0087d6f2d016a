using System.Diagnostics;
using Cloudthread.Emulator.Tests.Infrastructure;

namespace Cloudthread.Emulator.Tests;

public sealed class FaultsAndAdminTests : IAsyncLifetime
{
    private TestEmulator _emu = null!;

    public async Task InitializeAsync() => _emu = await TestEmulator.StartAsync();

    public async Task DisposeAsync() => await _emu.DisposeAsync();

    [Fact]
    public async Task Faults_are_off_by_default()
    {
        var faults = await _emu.AdminGetAsync("faults");
        Assert.Equal(0, faults.GetProperty("throttle_rate").GetDouble());
        Assert.Equal(0, faults.GetProperty("error_rate").GetDouble());
        Assert.Equal(0, faults.GetProperty("drop_rate").GetDouble());
        Assert.Equal(0, faults.GetProperty("latency_ms").GetInt32());
    }

    [Fact]
    public async Task Throttle_answers_429_with_retry_after_but_not_on_admin_or_contract()
    {
        var set = await _emu.AdminPutFaultsAsync(new { throttle_rate = 1.0, retry_after_seconds = 7 });
        Assert.Equal(1.0, set.GetProperty("throttle_rate").GetDouble());
        var result = await _emu.GetAsync("/users");
        Assert.Equal(429, result.Code);
        Assert.Equal("TooManyRequests", result.ErrorCode);
        Assert.Equal(TimeSpan.FromSeconds(7), result.Headers.RetryAfter?.Delta);
        Assert.Equal(200, (int)(await _emu.Http.GetAsync(new Uri("/openapi.yaml", UriKind.Relative))).StatusCode);
        var stats = await _emu.AdminGetAsync("stats");
        Assert.True(stats.GetProperty("faults_injected").GetInt64() >= 1);
    }

    [Theory]
    [InlineData(500, "InternalError")]
    [InlineData(503, "ServiceUnavailable")]
    public async Task Error_faults_answer_the_chosen_status(int status, string code)
    {
        await _emu.AdminPutFaultsAsync(new { error_rate = 1.0, error_status = status });
        var result = await _emu.PostAsync("/streams/ingest", TestEmulator.Ingest("Sum", TestEmulator.Point("faulted", "2026-01-01T00:00:00Z", 1)));
        Assert.Equal(status, result.Code);
        Assert.Equal(code, result.ErrorCode);
        await _emu.ResetAsync();
        Assert.DoesNotContain(await _emu.CustomDataAsync(), r => r.GetProperty("metric_name").GetString() == "faulted");
    }

    [Fact]
    public async Task Partial_rates_fault_some_requests_only()
    {
        await _emu.AdminPutFaultsAsync(new { throttle_rate = 0.5 });
        var codes = new List<int>();
        for (var i = 0; i < 60; i++)
        {
            codes.Add((await _emu.GetAsync("/users")).Code);
        }

        Assert.Contains(200, codes);
        Assert.Contains(429, codes);
    }

    [Fact]
    public async Task Latency_delays_api_requests()
    {
        await _emu.AdminPutFaultsAsync(new { latency_ms = 300 });
        var watch = Stopwatch.StartNew();
        Assert.Equal(200, (await _emu.GetAsync("/users")).Code);
        Assert.True(watch.ElapsedMilliseconds >= 280, $"took {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task Drop_aborts_the_connection_before_processing()
    {
        await _emu.AdminPutFaultsAsync(new { drop_rate = 1.0 });
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/streams/ingest", UriKind.Relative))
        {
            Content = new StringContent(System.Text.Json.JsonSerializer.Serialize(TestEmulator.Ingest("Sum", TestEmulator.Point("dropped", "2026-01-01T00:00:00Z", 1)))),
        };
        request.Headers.Add("x-api-key", EmulatorOptions.DemoApiKey);
        await Assert.ThrowsAsync<HttpRequestException>(() => _emu.Http.SendAsync(request));
        await _emu.AdminPutFaultsAsync(new { drop_rate = 0.0 });
        Assert.DoesNotContain(await _emu.CustomDataAsync(), r => r.GetProperty("metric_name").GetString() == "dropped");
    }

    [Fact]
    public async Task Invalid_fault_settings_are_rejected()
    {
        using var response = await _emu.Http.PutAsync(new Uri("/_emulator/faults", UriKind.Relative),
            new StringContent("{\"error_status\":404}"));
        Assert.Equal(400, (int)response.StatusCode);
        using var rate = await _emu.Http.PutAsync(new Uri("/_emulator/faults", UriKind.Relative), new StringContent("{\"drop_rate\":2}"));
        Assert.Equal(400, (int)rate.StatusCode);
    }

    [Fact]
    public async Task Reset_restores_the_seed_turns_faults_off_and_zeroes_stats()
    {
        await _emu.PostAsync("/teams", new { id = "temp", name = "Temp" });
        await _emu.PostAsync("/users", new { email = "t@example.com", name = "T", role = "Member" });
        await _emu.PostAsync("/events", new { data = new[] { new { timestamp = "2026-01-01T00:00:00Z", payload = new { type = "x" } } } });
        await _emu.PostAsync("/streams/ingest", TestEmulator.Ingest("Sum", TestEmulator.Point("requests", "2026-01-01T00:00:00Z", 1, new { region = "us-east-1" })));
        await _emu.AdminPutFaultsAsync(new { latency_ms = 1 });
        await _emu.ResetAsync();
        Assert.Equal(0, (await _emu.AdminGetAsync("stats")).GetProperty("requests").GetInt64());

        Assert.Equal(404, (await _emu.GetAsync("/teams/temp")).Code);
        Assert.Equal(5, (await _emu.GetAsync("/users")).Json.GetArrayLength());
        Assert.Equal(0, (await _emu.AdminGetAsync("events")).GetArrayLength());
        var data = await _emu.CustomDataAsync();
        Assert.Equal(270, data.Count);
        Assert.Equal(60000, data.Single(r => r.GetProperty("metric_name").GetString() == "requests" &&
            r.GetProperty("timestamp").GetString() == "2026-01-01T00:00:00Z" &&
            r.GetProperty("custom_dimensions").GetProperty("region").GetString() == "us-east-1").GetProperty("metric_value").GetDouble());
        Assert.Equal(0, (await _emu.AdminGetAsync("faults")).GetProperty("latency_ms").GetInt32());
    }

    [Fact]
    public async Task Dump_is_in_stable_order()
    {
        var keys = (await _emu.CustomDataAsync()).Select(r => string.Join("|",
            r.GetProperty("data_stream_token").GetString(), r.GetProperty("metric_name").GetString(),
            r.GetProperty("metric_agg_func").GetString(), r.GetProperty("custom_dimensions").GetRawText(),
            r.GetProperty("timestamp").GetString())).ToList();
        Assert.Equal(keys.Order(StringComparer.Ordinal), keys);
    }

    [Fact]
    public async Task Stats_count_requests_and_observe_concurrency()
    {
        await _emu.ResetAsync();
        await _emu.AdminPutFaultsAsync(new { latency_ms = 200 });
        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => _emu.GetAsync("/users")));
        await _emu.AdminPutFaultsAsync(new { latency_ms = 0 });
        await _emu.PostAsync("/streams/ingest", TestEmulator.Ingest("Sum", TestEmulator.Point("s", "2026-01-01T00:00:00Z", 1), TestEmulator.Point("s", "2026-01-01T01:00:00Z", 1)));
        var stats = await _emu.AdminGetAsync("stats");
        Assert.Equal(7, stats.GetProperty("requests").GetInt64());
        Assert.Equal(1, stats.GetProperty("ingest_requests").GetInt64());
        Assert.Equal(2, stats.GetProperty("ingested_points").GetInt64());
        Assert.True(stats.GetProperty("max_concurrent_requests").GetInt32() >= 2);
        Assert.Equal(0, stats.GetProperty("faults_injected").GetInt64());
    }

    [Fact]
    public async Task Unknown_admin_path_is_404()
    {
        using var response = await _emu.Http.GetAsync(new Uri("/_emulator/nothing", UriKind.Relative));
        Assert.Equal(404, (int)response.StatusCode);
    }

    [Fact]
    public async Task Faults_given_at_start_apply()
    {
        await using var faulty = await TestEmulator.StartAsync(o => o.Faults = new FaultSettings { ErrorRate = 1, ErrorStatus = 500 });
        Assert.Equal(500, (await faulty.GetAsync("/users")).Code);
    }
}
