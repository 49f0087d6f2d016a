using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Cloudthread.Emulator.Tests.Infrastructure;

namespace Cloudthread.Emulator.Tests;

public sealed class IngestTests : IAsyncLifetime
{
    private TestEmulator _emu = null!;

    public async Task InitializeAsync() => _emu = await TestEmulator.StartAsync(o => o.MaxBodyBytes = 64 * 1024);

    public async Task DisposeAsync() => await _emu.DisposeAsync();

    private async Task<List<JsonElement>> StoredAsync(string metric) =>
        (await _emu.CustomDataAsync()).Where(r => r.GetProperty("metric_name").GetString() == metric).ToList();

    [Fact]
    public async Task Valid_points_are_stored_and_answer_201()
    {
        var result = await _emu.PostAsync("/streams/ingest", TestEmulator.Ingest("Sum",
            TestEmulator.Point("orders", "2026-05-01T10:00:00Z", 12.5, new { region = "us-east-1" }),
            TestEmulator.Point("orders", "2026-05-01T11:00:00Z", 7)));
        Assert.Equal(201, result.Code);
        Assert.Equal(2, result.Json.GetProperty("ingested").GetInt32());
        var stored = await StoredAsync("orders");
        Assert.Equal(2, stored.Count);
        var first = stored.Single(r => r.GetProperty("timestamp").GetString() == "2026-05-01T10:00:00Z");
        Assert.Equal(12.5, first.GetProperty("metric_value").GetDouble());
        Assert.Equal("us-east-1", first.GetProperty("custom_dimensions").GetProperty("region").GetString());
        Assert.Equal(EmulatorOptions.DemoDataStreamToken, first.GetProperty("data_stream_token").GetString());
        Assert.Equal("Sum", first.GetProperty("metric_agg_func").GetString());
    }

    [Fact]
    public async Task Same_key_and_timestamp_overwrites_whatever_the_dimension_order()
    {
        await _emu.PostAsync("/streams/ingest", "{\"data_stream_token\":\"ct-demo-stream-token\",\"metric_agg_func\":\"Sum\",\"data\":[{\"timestamp\":\"2026-05-02 00:00:00\",\"metric_name\":\"up\",\"metric_value\":1,\"custom_dimensions\":{\"a\":\"1\",\"b\":\"2\"}}]}");
        var second = await _emu.PostAsync("/streams/ingest", "{\"data_stream_token\":\"ct-demo-stream-token-2\",\"metric_agg_func\":\"Sum\",\"data\":[{\"timestamp\":\"20260502000000\",\"metric_name\":\"up\",\"metric_value\":9,\"custom_dimensions\":{\"b\":\"2\",\"a\":\"1\"}}]}");
        Assert.Equal(201, second.Code);
        var stored = await StoredAsync("up");
        var only = Assert.Single(stored);
        Assert.Equal(9, only.GetProperty("metric_value").GetDouble());
        Assert.Equal(EmulatorOptions.DemoDataStreamToken2, only.GetProperty("data_stream_token").GetString());
    }

    [Fact]
    public async Task Different_dimensions_or_agg_func_are_different_records()
    {
        await _emu.PostAsync("/streams/ingest", TestEmulator.Ingest("Sum",
            TestEmulator.Point("split", "2026-05-03T00:00:00Z", 1, new { region = "a" }),
            TestEmulator.Point("split", "2026-05-03T00:00:00Z", 2, new { region = "b" }),
            TestEmulator.Point("split", "2026-05-03T00:00:00Z", 3)));
        await _emu.PostAsync("/streams/ingest", TestEmulator.Ingest("Maximum", TestEmulator.Point("split", "2026-05-03T00:00:00Z", 4)));
        Assert.Equal(4, (await StoredAsync("split")).Count);
    }

    [Theory]
    [InlineData("\"2026-05-04T10:00:00Z\"", "2026-05-04T10:00:00Z")]
    [InlineData("\"2026-05-04T12:00:00+02:00\"", "2026-05-04T10:00:00Z")]
    [InlineData("\"2026-05-04T05:00:00-05:00\"", "2026-05-04T10:00:00Z")]
    [InlineData("\"2026-05-04 10:00:00\"", "2026-05-04T10:00:00Z")]
    [InlineData("\"20260504100000\"", "2026-05-04T10:00:00Z")]
    [InlineData("1777888800", "2026-05-04T10:00:00Z")]
    [InlineData("\"2026-05-04T10:00:00.000Z\"", "2026-05-04T10:00:00Z")]
    public async Task Every_contract_timestamp_form_is_accepted_and_stored_as_utc(string timestamp, string expected)
    {
        var metric = "ts" + Math.Abs(timestamp.GetHashCode(StringComparison.Ordinal));
        var body = $"{{\"data_stream_token\":\"ct-demo-stream-token\",\"metric_agg_func\":\"Sum\",\"data\":[{{\"timestamp\":{timestamp},\"metric_name\":\"{metric}\",\"metric_value\":1}}]}}";
        var result = await _emu.PostAsync("/streams/ingest", body);
        Assert.Equal(201, result.Code);
        Assert.Equal(expected, Assert.Single(await StoredAsync(metric)).GetProperty("timestamp").GetString());
    }

    [Theory]
    [InlineData("\"2026-05-04T10:30:00Z\"", "must be on the hour")]
    [InlineData("\"2026-05-04 10:00:01\"", "must be on the hour")]
    [InlineData("\"2026-05-04T10:00:00.5Z\"", "must be on the hour")]
    [InlineData("\"2026-05-04T10:00:00+05:30\"", "must be on the hour")]
    [InlineData("1777888801", "must be on the hour")]
    [InlineData("1777888800.5", "must be on the hour")]
    [InlineData("\"2026-05-04T10:00:00\"", "must be a timestamp")]
    [InlineData("\"yesterday\"", "must be a timestamp")]
    [InlineData("true", "must be a timestamp")]
    [InlineData("\"\"", "must be a timestamp")]
    public async Task Bad_timestamps_are_400_naming_the_point(string timestamp, string message)
    {
        var body = $"{{\"data_stream_token\":\"ct-demo-stream-token\",\"metric_agg_func\":\"Sum\",\"data\":[{{\"timestamp\":\"2026-05-04T09:00:00Z\",\"metric_name\":\"bad\",\"metric_value\":1}},{{\"timestamp\":{timestamp},\"metric_name\":\"bad\",\"metric_value\":1}}]}}";
        var result = await _emu.PostAsync("/streams/ingest", body);
        Assert.Equal(400, result.Code);
        var detail = Assert.Single(result.Details);
        Assert.Equal("data[1].timestamp", detail.Path);
        Assert.Contains(message, detail.Message, StringComparison.Ordinal);
        Assert.Empty(await StoredAsync("bad"));
    }

    [Fact]
    public async Task Every_problem_is_reported_and_nothing_is_stored()
    {
        var body = """
            {"data_stream_token":"ct-demo-stream-token","metric_agg_func":"Sum","extra_field":true,"data":[
              {"timestamp":"2026-05-05T00:00:00Z","metric_name":"allornothing","metric_value":1},
              {"timestamp":"2026-05-05T00:00:00Z","metric_name":"allornothing","metric_value":"3.5"},
              {"timestamp":"2026-05-05T00:00:00Z","metric_name":"","metric_value":1},
              {"timestamp":"2026-05-05T00:00:00Z","metric_name":"allornothing","metric_value":1e400},
              {"metric_name":"allornothing","metric_value":1,"custom_dimensions":{"k":5}},
              "not an object",
              {"timestamp":"2026-05-05T00:00:00Z","metric_name":"allornothing","custom_dimensions":[["a","b"]]}
            ]}
            """;
        var result = await _emu.PostAsync("/streams/ingest", body);
        Assert.Equal(400, result.Code);
        Assert.Equal("ValidationFailed", result.ErrorCode);
        var details = result.Details.ToDictionary(d => d.Path, d => d.Message);
        Assert.Equal("must be a number", details["data[1].metric_value"]);
        Assert.Equal("must not be empty", details["data[2].metric_name"]);
        Assert.Contains("finite", details["data[3].metric_value"], StringComparison.Ordinal);
        Assert.Equal("is required", details["data[4].timestamp"]);
        Assert.Equal("must be a string", details["data[4].custom_dimensions.k"]);
        Assert.Equal("must be an object", details["data[5]"]);
        Assert.Equal("is required", details["data[6].metric_value"]);
        Assert.Contains("object", details["data[6].custom_dimensions"], StringComparison.Ordinal);
        Assert.Empty(await StoredAsync("allornothing"));
    }

    [Fact]
    public async Task Top_level_fields_are_validated()
    {
        var result = await _emu.PostAsync("/streams/ingest", new { metric_agg_func = "sum", data = Array.Empty<object>() });
        Assert.Equal(400, result.Code);
        var paths = result.Details.Select(d => d.Path).ToList();
        Assert.Contains("data_stream_token", paths);
        Assert.Contains("metric_agg_func", paths);
        Assert.Contains("data", paths);
    }

    [Fact]
    public async Task More_than_ten_dimensions_is_400()
    {
        var dimensions = Enumerable.Range(0, 11).ToDictionary(i => "k" + i, i => "v");
        var result = await _emu.PostAsync("/streams/ingest", TestEmulator.Ingest("Sum", TestEmulator.Point("dims", "2026-05-06T00:00:00Z", 1, dimensions)));
        Assert.Equal(400, result.Code);
        Assert.Equal("data[0].custom_dimensions", Assert.Single(result.Details).Path);
        var ten = Enumerable.Range(0, 10).ToDictionary(i => "k" + i, i => "v");
        Assert.Equal(201, (await _emu.PostAsync("/streams/ingest", TestEmulator.Ingest("Sum", TestEmulator.Point("dims", "2026-05-06T00:00:00Z", 1, ten)))).Code);
    }

    [Fact]
    public async Task Unknown_token_is_404_StreamNotFound_and_not_echoed()
    {
        var body = new { data_stream_token = "nope-secret-token", metric_agg_func = "Sum", data = new[] { TestEmulator.Point("tok", "2026-05-07T00:00:00Z", 1) } };
        var result = await _emu.PostAsync("/streams/ingest", body);
        Assert.Equal(404, result.Code);
        Assert.Equal("StreamNotFound", result.ErrorCode);
        Assert.DoesNotContain("nope-secret-token", result.Body, StringComparison.Ordinal);
        Assert.Empty(await StoredAsync("tok"));
    }

    [Theory]
    [InlineData("", "body", "a JSON request body is required")]
    [InlineData(" \r\n\t ", "body", "a JSON request body is required")]
    [InlineData("{\"data\": [", "body", "must be valid JSON")]
    [InlineData("{} {}", "body", "must be valid JSON")]
    public async Task Empty_or_broken_bodies_are_400_naming_the_body(string body, string path, string message)
    {
        var result = await _emu.PostAsync("/streams/ingest", body);
        Assert.Equal(400, result.Code);
        var detail = Assert.Single(result.Details);
        Assert.Equal(path, detail.Path);
        Assert.Contains(message, detail.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gzip_bodies_are_accepted()
    {
        var json = JsonSerializer.Serialize(TestEmulator.Ingest("Average", TestEmulator.Point("zipped", "2026-05-08T00:00:00Z", 2)));
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(json));
        }

        var result = await _emu.SendAsync(HttpMethod.Post, "/streams/ingest", null, customize: r =>
        {
            r.Content = new ByteArrayContent(buffer.ToArray());
            r.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            r.Content.Headers.ContentEncoding.Add("gzip");
        });
        Assert.Equal(201, result.Code);
        Assert.Single(await StoredAsync("zipped"));
    }

    [Fact]
    public async Task Body_over_the_limit_is_413_also_after_decompression()
    {
        var points = Enumerable.Range(0, 2000).Select(i => TestEmulator.Point("big", "2026-05-09T00:00:00Z", i, new { n = i.ToString(System.Globalization.CultureInfo.InvariantCulture) })).ToArray();
        var large = await _emu.PostAsync("/streams/ingest", TestEmulator.Ingest("Sum", points));
        Assert.Equal(413, large.Code);
        Assert.Equal("PayloadTooLarge", large.ErrorCode);

        // 1 MB of spaces compresses to about 1 KB: the limit must apply to what it inflates to.
        var bomb = "{\"data\":[" + new string(' ', 1024 * 1024) + "]}";
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(bomb));
        }

        Assert.True(buffer.Length < 64 * 1024);
        var inflated = await _emu.SendAsync(HttpMethod.Post, "/streams/ingest", null, customize: r =>
        {
            r.Content = new ByteArrayContent(buffer.ToArray());
            r.Content.Headers.ContentEncoding.Add("gzip");
        });
        Assert.Equal(413, inflated.Code);
        Assert.Empty(await StoredAsync("big"));
        Assert.Equal(200, (await _emu.GetAsync("/users")).Code);
    }

    [Fact]
    public async Task Parallel_ingests_store_every_point_exactly_once()
    {
        const int requests = 24;
        const int perRequest = 50;
        var tasks = Enumerable.Range(0, requests).Select(r => _emu.PostAsync("/streams/ingest", TestEmulator.Ingest("Sum",
            Enumerable.Range(0, perRequest).Select(i => TestEmulator.Point("parallel",
                DateTimeOffset.FromUnixTimeSeconds(1780000000L / 3600 * 3600 + ((r * perRequest) + i) * 3600L).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
                r)).ToArray())));
        var results = await Task.WhenAll(tasks);
        Assert.All(results, r => Assert.Equal(201, r.Code));
        var stored = await StoredAsync("parallel");
        Assert.Equal(requests * perRequest, stored.Count);
        Assert.Equal(requests * perRequest, stored.Select(s => s.GetProperty("timestamp").GetString()).Distinct().Count());
        var stats = await _emu.AdminGetAsync("stats");
        Assert.True(stats.GetProperty("ingested_points").GetInt64() >= requests * perRequest);
        Assert.True(stats.GetProperty("max_concurrent_requests").GetInt32() >= 1);
    }
}
