using System.Text.Json;
using Cloudthread.Emulator.Tests.Infrastructure;

namespace Cloudthread.Emulator.Tests;

public sealed class MetricsTests : IAsyncLifetime
{
    private TestEmulator _emu = null!;

    public async Task InitializeAsync() => _emu = await TestEmulator.StartAsync();

    public async Task DisposeAsync() => await _emu.DisposeAsync();

    private async Task<List<JsonElement>> RowsAsync(string path)
    {
        var result = await _emu.GetAsync(path);
        Assert.True(result.Code == 200, result.Body);
        return result.Json.GetProperty("data").EnumerateArray().ToList();
    }

    private static double Cost(JsonElement row) => row.GetProperty("current_timeframe_cost").GetDouble();

    [Fact]
    public async Task Day_rows_cover_the_inclusive_range_with_yyyymmdd_dates()
    {
        var rows = await RowsAsync("/cost/metric/cv-total?start_date=2026-01-30&end_date=2026-02-02");
        Assert.Equal(["20260130", "20260131", "20260201", "20260202"], rows.Select(r => r.GetProperty("date").GetString()));
        Assert.All(rows, r => Assert.True(Cost(r) > 0));
    }

    [Fact]
    public async Task Costs_are_deterministic_across_servers()
    {
        var first = await _emu.GetAsync("/cost/metric/cv-compute?start_date=2026-03-01&end_date=2026-03-10&granularity=week");
        await using var other = await TestEmulator.StartAsync();
        var second = await other.GetAsync("/cost/metric/cv-compute?start_date=2026-03-01&end_date=2026-03-10&granularity=week");
        Assert.Equal(first.Body, second.Body);
    }

    [Fact]
    public async Task Previous_timeframe_is_the_equal_window_just_before()
    {
        var current = await RowsAsync("/cost/metric/cv-storage?start_date=2026-03-08&end_date=2026-03-14");
        var before = await RowsAsync("/cost/metric/cv-storage?start_date=2026-03-01&end_date=2026-03-07");
        for (var i = 0; i < 7; i++)
        {
            Assert.Equal(Cost(before[i]), current[i].GetProperty("previous_timeframe_cost").GetDouble(), 2);
            var diff = Cost(current[i]) - Cost(before[i]);
            Assert.Equal(diff, current[i].GetProperty("pop_diff").GetDouble(), 2);
            Assert.Equal(diff / Cost(before[i]), current[i].GetProperty("pop_change").GetDouble(), 4);
        }
    }

    [Fact]
    public async Task Hour_granularity_gives_24_rows_a_day_that_sum_to_the_day()
    {
        var hours = await RowsAsync("/cost/metric/cv-total?start_date=2026-01-05&end_date=2026-01-05&granularity=hour");
        Assert.Equal(24, hours.Count);
        Assert.Equal("2026010500", hours[0].GetProperty("date").GetString());
        Assert.Equal("2026010523", hours[23].GetProperty("date").GetString());
        var day = Assert.Single(await RowsAsync("/cost/metric/cv-total?start_date=2026-01-05&end_date=2026-01-05"));
        Assert.Equal(Cost(day), hours.Sum(Cost), 0);
    }

    [Theory]
    [InlineData("week", new[] { "20260101", "20260105", "20260112" })]
    [InlineData("month", new[] { "20260101", "20260201" })]
    [InlineData("quarter", new[] { "20260101" })]
    [InlineData("year", new[] { "20260101" })]
    public async Task Coarse_granularities_bucket_by_calendar(string granularity, string[] dates)
    {
        var end = granularity == "week" ? "2026-01-13" : "2026-02-10";
        var rows = await RowsAsync($"/cost/metric/cv-total?start_date=2026-01-01&end_date={end}&granularity={granularity}");
        Assert.Equal(dates, rows.Select(r => r.GetProperty("date").GetString()));
        var days = await RowsAsync($"/cost/metric/cv-total?start_date=2026-01-01&end_date={end}");
        Assert.Equal(days.Sum(Cost), rows.Sum(Cost), 0);
    }

    [Fact]
    public async Task Cost_type_amortization_and_exclude_scale_deterministically()
    {
        const string range = "start_date=2026-01-10&end_date=2026-01-10";
        var baseline = Cost((await RowsAsync("/cost/metric/cv-total?" + range))[0]);
        var publicByName = Cost((await RowsAsync("/cost/metric/cv-total?cost_type=Public&" + range))[0]);
        var publicById = Cost((await RowsAsync("/cost/metric/cv-total?cost_type=6&" + range))[0]);
        var amortized = Cost((await RowsAsync("/cost/metric/cv-total?amortization=true&" + range))[0]);
        var notAmortized = Cost((await RowsAsync("/cost/metric/cv-total?amortization=false&" + range))[0]);
        var noTax = Cost((await RowsAsync("/cost/metric/cv-total?exclude=Tax,Support&" + range))[0]);
        Assert.Equal(publicByName, publicById);
        Assert.True(publicByName > baseline);
        Assert.True(amortized > baseline);
        Assert.Equal(baseline, notAmortized);
        Assert.True(noTax < baseline);
    }

    [Theory]
    [InlineData("/cost/metric/cv-total?end_date=2026-01-01", "start_date")]
    [InlineData("/cost/metric/cv-total?start_date=2026-01-01", "end_date")]
    [InlineData("/cost/metric/cv-total?start_date=2026-1-01&end_date=2026-01-02", "start_date")]
    [InlineData("/cost/metric/cv-total?start_date=2026-01-03&end_date=2026-01-02", "start_date")]
    [InlineData("/cost/metric/cv-total?start_date=2026-01-01&end_date=2026-01-02&granularity=fortnight", "granularity")]
    [InlineData("/cost/metric/cv-total?start_date=2026-01-01&end_date=2026-01-02&cost_type=Imaginary", "cost_type")]
    [InlineData("/cost/metric/cv-total?start_date=2026-01-01&end_date=2026-01-02&cost_type=99", "cost_type")]
    [InlineData("/cost/metric/cv-total?start_date=2026-01-01&end_date=2026-01-02&amortization=yes", "amortization")]
    [InlineData("/cost/metric/cv-total?start_date=2026-01-01&end_date=2026-01-02&exclude=Tax,Gremlins", "exclude")]
    [InlineData("/unit/metric/um-cost-per-request?start_date=2026-01-01&end_date=2026-12-31&granularity=hour", "end_date")]
    public async Task Bad_queries_are_400_naming_the_parameter(string path, string parameter)
    {
        var result = await _emu.GetAsync(path);
        Assert.Equal(400, result.Code);
        Assert.Contains(result.Details, d => d.Path == parameter);
    }

    [Fact]
    public async Task Unknown_metric_ids_are_404()
    {
        Assert.Equal("MetricNotFound", (await _emu.GetAsync("/cost/metric/nope?start_date=2026-01-01&end_date=2026-01-02")).ErrorCode);
        Assert.Equal("MetricNotFound", (await _emu.GetAsync("/unit/metric/cv-total?start_date=2026-01-01&end_date=2026-01-02")).ErrorCode);
    }

    [Fact]
    public async Task Unit_metric_divides_the_cost_view_by_the_seeded_denominator()
    {
        var row = (await RowsAsync("/unit/metric/um-cost-per-request?start_date=2026-01-01&end_date=2026-01-01"))[0];
        var cost = Cost((await RowsAsync("/cost/metric/cv-total?start_date=2026-01-01&end_date=2026-01-01"))[0]);
        Assert.Equal(cost, row.GetProperty("current_timeframe_numerator").GetDouble());
        Assert.Equal(90000, row.GetProperty("current_timeframe_denominator").GetDouble());
        Assert.Equal(cost / 90000, row.GetProperty("current_timeframe_unit_metric").GetDouble(), 6);
        Assert.Equal("SUM", row.GetProperty("d_agg_func").GetString());
        Assert.Equal("SUM", row.GetProperty("n_agg_func").GetString());
    }

    [Fact]
    public async Task Unit_metric_is_recomputed_from_ingested_data()
    {
        const string path = "/unit/metric/um-cost-per-request?start_date=2026-06-01&end_date=2026-06-01";
        Assert.Equal(0, (await RowsAsync(path))[0].GetProperty("current_timeframe_denominator").GetDouble());
        await _emu.PostAsync("/streams/ingest", TestEmulator.Ingest("Sum",
            TestEmulator.Point("requests", "2026-06-01T00:00:00Z", 1000, new { region = "a" }),
            TestEmulator.Point("requests", "2026-06-01T13:00:00Z", 500, new { region = "b" }),
            TestEmulator.Point("requests", "2026-06-02T00:00:00Z", 99999)));
        await _emu.PostAsync("/streams/ingest", TestEmulator.Ingest("Average", TestEmulator.Point("requests", "2026-06-01T00:00:00Z", 77777)));
        var row = (await RowsAsync(path))[0];
        Assert.Equal(1500, row.GetProperty("current_timeframe_denominator").GetDouble());
        Assert.Equal(row.GetProperty("current_timeframe_numerator").GetDouble() / 1500, row.GetProperty("current_timeframe_unit_metric").GetDouble(), 6);

        // Upsert: the same point again replaces its value.
        await _emu.PostAsync("/streams/ingest", TestEmulator.Ingest("Sum", TestEmulator.Point("requests", "2026-06-01T13:00:00Z", 2000, new { region = "b" })));
        Assert.Equal(3000, (await RowsAsync(path))[0].GetProperty("current_timeframe_denominator").GetDouble());
    }

    [Fact]
    public async Task Average_denominator_is_the_mean_of_the_period()
    {
        await _emu.PostAsync("/streams/ingest", TestEmulator.Ingest("Average",
            TestEmulator.Point("customers", "2026-07-01T00:00:00Z", 10),
            TestEmulator.Point("customers", "2026-07-02T00:00:00Z", 20),
            TestEmulator.Point("customers", "2026-07-03T00:00:00Z", 60)));
        var rows = await RowsAsync("/unit/metric/um-cost-per-customer?start_date=2026-07-01&end_date=2026-07-03&granularity=month");
        var row = Assert.Single(rows);
        Assert.Equal(30, row.GetProperty("current_timeframe_denominator").GetDouble());
        Assert.Equal("AVERAGE", row.GetProperty("d_agg_func").GetString());
        Assert.Equal("20260701", row.GetProperty("date").GetString());
    }

    [Fact]
    public async Task Hour_granularity_unit_rows_use_hour_dates()
    {
        var rows = await RowsAsync("/unit/metric/um-cost-per-request?start_date=2026-01-01&end_date=2026-01-01&granularity=hour");
        Assert.Equal(24, rows.Count);
        Assert.Equal("2026010100", rows[0].GetProperty("date").GetString());
        Assert.Equal(90000, rows[0].GetProperty("current_timeframe_denominator").GetDouble());
        Assert.Equal(0, rows[1].GetProperty("current_timeframe_denominator").GetDouble());
    }
}
