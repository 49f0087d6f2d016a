using Cloudthread.Client.Http;
using Cloudthread.Client.Models;
using Cloudthread.Client.Operations;

namespace Cloudthread.Client.Tests.Typed;

public sealed class ResponseParsingTests
{
    private static readonly ApiRequest AnyGet = new(System.Net.Http.HttpMethod.Get, "/x");

    [Fact]
    public void Tag_catalog_tags_are_read()
    {
        var tags = TagCatalogApi.Parse(AnyGet, FakeApi.Response("""{"tags":[{"Key":"environment","Value":"production"},{"Key":"environment","Value":"staging"}]}"""));
        Assert.Equal(new[] { "environment=production", "environment=staging" }, tags.Select(t => t.ToString()).ToArray());
    }

    [Fact]
    public void Cost_view_rows_get_id_granularity_and_parsed_date()
    {
        var rows = MetricsApi.ParseCostView(
            AnyGet,
            FakeApi.Response("""{"data":[{"current_timeframe_cost":10.5,"previous_timeframe_cost":10,"pop_diff":0.5,"pop_change":0.05,"date":"20260102"},{"date":"2026010213","current_timeframe_cost":"1.25"}]}"""),
            "cv-total",
            MetricGranularity.Day);
        Assert.Equal(2, rows.Count);
        Assert.Equal(("cv-total", MetricGranularity.Day, new DateTime(2026, 1, 2), "20260102"), (rows[0].CostViewId, rows[0].Granularity, rows[0].Date, rows[0].RawDate));
        Assert.Equal((10.5, 10.0, 0.5, 0.05), (rows[0].CurrentTimeframeCost, rows[0].PreviousTimeframeCost, rows[0].PopDiff, rows[0].PopChange));
        Assert.Equal(new DateTime(2026, 1, 2, 13, 0, 0), rows[1].Date);
        Assert.Equal(DateTimeKind.Unspecified, rows[1].Date.Kind);
        Assert.Equal(1.25, rows[1].CurrentTimeframeCost);
        Assert.Null(rows[1].PopChange);
    }

    [Fact]
    public void Metric_rows_in_a_bare_array_and_unreadable_dates_are_tolerated()
    {
        var rows = MetricsApi.ParseCostView(AnyGet, FakeApi.Response("""[{"date":"week 3"}]"""), "cv", MetricGranularity.Week);
        Assert.Equal(default, rows[0].Date);
        Assert.Equal("week 3", rows[0].RawDate);
    }

    [Fact]
    public void Unit_metric_rows_are_read()
    {
        var rows = MetricsApi.ParseUnitMetric(
            AnyGet,
            FakeApi.Response("""{"data":[{"current_timeframe_denominator":100,"current_timeframe_numerator":50,"current_timeframe_unit_metric":0.5,"previous_timeframe_denominator":80,"previous_timeframe_numerator":40,"previous_timeframe_unit_metric":0.5,"pop_diff":0,"pop_change":0,"d_agg_func":"SUM","n_agg_func":"AVERAGE","date":"20260301"}]}"""),
            "um-cost-per-request",
            MetricGranularity.Month);
        var row = Assert.Single(rows);
        Assert.Equal(("um-cost-per-request", MetricGranularity.Month, new DateTime(2026, 3, 1)), (row.UnitMetricId, row.Granularity, row.Date));
        Assert.Equal((50.0, 100.0, 0.5), (row.CurrentTimeframeNumerator!.Value, row.CurrentTimeframeDenominator!.Value, row.CurrentTimeframeUnitMetric!.Value));
        Assert.Equal((40.0, 80.0, 0.5), (row.PreviousTimeframeNumerator!.Value, row.PreviousTimeframeDenominator!.Value, row.PreviousTimeframeUnitMetric!.Value));
        Assert.Equal(("SUM", "AVERAGE"), (row.DenominatorAggregation, row.NumeratorAggregation));
    }

    [Fact]
    public void Users_and_teams_are_read()
    {
        var users = UsersApi.ParseList(AnyGet, FakeApi.Response("""[{"id":"u-1001","email":"alice.admin@example.com","name":"Alice Admin","role":"Admin"},{"id":"u-1002","email":"bob@example.com","name":"Bob"}]"""));
        Assert.Equal(new[] { "u-1001", "u-1002" }, users.Select(u => u.Id).ToArray());
        Assert.Equal("Admin", users[0].Role);
        Assert.Null(users[1].Role);

        var teams = TeamsApi.ParseList(AnyGet, FakeApi.Response("""[{"id":"platform","name":"Platform Engineering","aws_account_ids":["111111111111"],"unknown_field":1},{"id":42,"name":"Team Forty-Two"}]"""));
        Assert.Equal(new[] { "platform", "42" }, teams.Select(t => t.Id).ToArray());
        Assert.Equal(["111111111111"], teams[0].AwsAccountIds!);
        Assert.Empty(TeamsApi.ParseList(AnyGet, FakeApi.Response("")));
    }

    [Fact]
    public void Opportunities_are_read_with_lenient_dates_and_bcl_details()
    {
        var list = OpportunitiesApi.ParseList(
            AnyGet,
            FakeApi.Response("""[{"id":3,"source":"Cloudthread","opportunity_details":{"instance_type":"m5.xlarge","savings":[1,2.5]},"opportunity_type_id":"rightsize","cost_impact":120.75,"record_id":"i-0abc","status_updated_at":"2026-01-05 10:20:30","created_at":"2026-01-01T00:00:00+02:00","status":"Open","last_detected_at":null,"thread_id":7,"github_pr_key":"org/repo#5"}]"""));
        var item = Assert.Single(list);
        Assert.Equal((3L, "Cloudthread", "rightsize", 120.75, "i-0abc", "Open", 7L, "org/repo#5"), (item.Id, item.Source, item.OpportunityTypeId, item.CostImpact!.Value, item.RecordId, item.Status, item.ThreadId!.Value, item.GithubPrKey));
        Assert.Equal(new DateTimeOffset(2026, 1, 5, 10, 20, 30, TimeSpan.Zero), item.StatusUpdatedAt);
        Assert.Equal(new DateTimeOffset(2025, 12, 31, 22, 0, 0, TimeSpan.Zero), item.CreatedAt!.Value.ToUniversalTime());
        Assert.Null(item.LastDetectedAt);
        Assert.Equal("m5.xlarge", item.OpportunityDetails!["instance_type"]);
        Assert.Equal(new object?[] { 1L, 2.5 }, ((IList<object?>)item.OpportunityDetails["savings"]!).ToArray());
    }

    [Fact]
    public void Unexpected_json_becomes_an_api_error_naming_the_request()
    {
        var request = TeamsApi.BuildGet("ops");
        var error = Assert.Throws<CloudthreadApiException>(() => TeamsApi.ParseOne(request, FakeApi.Response("[1,2]")));
        Assert.Equal(("GET", "/teams/ops", 200), (error.Method, error.Path, error.StatusCode!.Value));
        Assert.StartsWith("The answer to GET /teams/ops (HTTP 200) is not the JSON the client expects", error.Message, StringComparison.Ordinal);
        Assert.Throws<CloudthreadApiException>(() => TeamsApi.ParseOne(request, FakeApi.Response("")));
    }

    [Fact]
    public void Raw_answer_keeps_text_and_a_bcl_tree()
    {
        var json = RawApi.Parse(FakeApi.Response("""{"b":1,"a":[true]}""", 201));
        Assert.Equal((201, "application/json", """{"b":1,"a":[true]}"""), (json.StatusCode, json.ContentType, json.Body));
        var tree = Assert.IsType<Dictionary<string, object?>>(json.Json);
        Assert.Equal(new[] { "b", "a" }, tree.Keys.ToArray());

        var text = RawApi.Parse(new ApiResponse(200, "plain text"u8.ToArray(), "text/plain"));
        Assert.Equal("plain text", text.Body);
        Assert.Null(text.Json);
        var empty = RawApi.Parse(new ApiResponse(204, Array.Empty<byte>(), null));
        Assert.Equal(("", (object?)null), (empty.Body, empty.Json));
    }
}

public sealed class ResponseEncodingTests
{
    [Fact]
    public void A_utf8_bom_before_the_json_is_accepted()
    {
        var body = new byte[] { 0xEF, 0xBB, 0xBF }.Concat("""[{"id":"u-1","email":"é@example.com","name":"Zoë"}]"""u8.ToArray()).ToArray();
        var users = Cloudthread.Client.Operations.UsersApi.ParseList(new(System.Net.Http.HttpMethod.Get, "/users"), new Cloudthread.Client.Http.ApiResponse(200, body, "application/json"));
        Assert.Equal("Zoë", Assert.Single(users).Name);
    }
}
