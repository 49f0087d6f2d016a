using System.Text;
using Cloudthread.Client.Ingestion;
using Cloudthread.Client.Models;
using static Cloudthread.Client.Tests.Ingestion.IngestionTestData;

namespace Cloudthread.Client.Tests.Ingestion;

public sealed class CustomDataBatchingTests
{
    [Fact]
    public void Splits_by_point_count_keeping_input_order()
    {
        var sender = new FakeBatchSender();
        using var ingestion = Create(sender, o => { o.MaxPointsPerRequest = 1000; o.MaxConcurrentRequests = 1; });
        for (var i = 0; i < 2500; i++)
        {
            Assert.True(ingestion.Add(Point(i)));
        }

        var summary = ingestion.Complete();

        Assert.Equal(new[] { 1000, 1000, 500 }, sender.Bodies.OrderBy(b => b.Call).Select(b => b.Points.Count));
        Assert.Equal(Enumerable.Range(0, 2500).Select(i => (double)i), SentValues(sender));
        Assert.Equal(2500, summary.Sent);
        Assert.Equal(3, summary.Requests);
        Assert.Equal(0, summary.Failed + summary.Rejected + summary.NotSent);
    }

    [Fact]
    public void Exactly_the_count_limit_makes_one_request()
    {
        var sender = new FakeBatchSender();
        using var ingestion = Create(sender, o => o.MaxPointsPerRequest = 10);
        for (var i = 0; i < 10; i++)
        {
            ingestion.Add(Point(i));
        }

        Assert.Equal(1, ingestion.Complete().Requests);
        Assert.Equal(10, Assert.Single(sender.Bodies).Points.Count);
    }

    [Fact]
    public void Splits_by_bytes_and_fills_each_request_as_far_as_the_limit_allows()
    {
        const int limit = 2048;
        var sender = new FakeBatchSender();
        using var ingestion = Create(sender, o => { o.MaxBytesPerRequest = limit; o.MaxConcurrentRequests = 1; });
        for (var i = 0; i < 200; i++)
        {
            ingestion.Add(Point(i));
        }

        ingestion.Complete();
        var bodies = sender.Bodies.OrderBy(b => b.Call).ToList();

        Assert.True(bodies.Count > 5);
        Assert.All(bodies, b => Assert.True(b.Json.Length <= limit, $"body of {b.Json.Length} bytes over {limit}"));
        for (var i = 0; i + 1 < bodies.Count; i++)
        {
            // The next request's first point would not have fitted: requests are as full as the limit allows.
            var nextFirstPoint = PointJsonLength(bodies[i + 1], 0);
            Assert.True(bodies[i].Json.Length + 1 + nextFirstPoint > limit);
        }

        Assert.Equal(Enumerable.Range(0, 200).Select(i => (double)i), SentValues(sender));
    }

    [Fact]
    public void A_point_larger_than_the_byte_limit_is_sent_alone_between_its_neighbours()
    {
        var sender = new FakeBatchSender();
        using var ingestion = Create(sender, o => { o.MaxBytesPerRequest = 1024; o.MaxConcurrentRequests = 1; });
        ingestion.Add(Point(0));
        ingestion.Add(Point(1));
        var huge = Point(2);
        huge.Dimensions["blob"] = new string('x', 1500);
        ingestion.Add(huge);
        ingestion.Add(Point(3));

        var summary = ingestion.Complete();

        var bodies = sender.Bodies.OrderBy(b => b.Call).ToList();
        Assert.Equal(new[] { 2, 1, 1 }, bodies.Select(b => b.Points.Count));
        Assert.Equal(2, bodies[1].Points[0].MetricValue);
        Assert.True(bodies[1].Json.Length > 1024);
        Assert.Equal(4, summary.Sent);
    }

    [Fact]
    public void Groups_by_token_and_aggregation_without_reordering_within_a_group()
    {
        var sender = new FakeBatchSender();
        using var ingestion = Create(sender, o => { o.MaxPointsPerRequest = 7; o.MaxConcurrentRequests = 1; });
        var functions = new AggregationFunction?[] { null, AggregationFunction.Average, AggregationFunction.Maximum, AggregationFunction.Minimum, AggregationFunction.Sum };
        for (var i = 0; i < 100; i++)
        {
            var point = Point(i);
            point.AggregationFunction = functions[i % functions.Length];
            point.DataStreamToken = i % 2 == 0 ? null : "other-token";
            ingestion.Add(point);
        }

        var summary = ingestion.Complete();

        Assert.Equal(100, summary.Sent);
        foreach (var group in sender.Bodies.GroupBy(b => (b.Token, b.Aggregation)))
        {
            var expected = Enumerable.Range(0, 100).Where(i =>
                (i % 2 == 0 ? Token : "other-token") == group.Key.Token &&
                (functions[i % functions.Length] ?? AggregationFunction.Sum).ToString() == group.Key.Aggregation).Select(i => (double)i);
            Assert.Equal(expected, group.OrderBy(b => b.Call).SelectMany(b => b.Points).Select(p => p.MetricValue));
        }

        Assert.Equal(8, sender.Bodies.Select(b => (b.Token, b.Aggregation)).Distinct().Count());
    }

    [Fact]
    public void Each_request_carries_consecutive_points_of_its_group_even_with_requests_in_flight_together()
    {
        var sender = new FakeBatchSender();
        using var ingestion = Create(sender, o => { o.MaxPointsPerRequest = 10; o.MaxConcurrentRequests = 4; });
        for (var i = 0; i < 1000; i++)
        {
            ingestion.Add(Point(i));
        }

        ingestion.Complete();

        var batches = sender.Bodies.Select(b => b.Points.Select(p => (int)p.MetricValue).ToList()).OrderBy(v => v[0]).ToList();
        Assert.Equal(100, batches.Count);
        Assert.Equal(Enumerable.Range(0, 1000), batches.SelectMany(v => v));
    }

    [Fact]
    public void Writes_the_body_the_contract_asks_for()
    {
        var sender = new FakeBatchSender();
        using var ingestion = Create(sender, o => o.AggregationFunction = AggregationFunction.Average);
        var point = new CustomDataPoint(new DateTime(2026, 3, 4, 5, 0, 0, DateTimeKind.Utc), "requests \"quoted\"", 12.5);
        point.Dimensions["team"] = "platform";
        ingestion.Add(point);
        ingestion.Add(new CustomDataPoint(new DateTime(2026, 3, 4, 6, 0, 0, DateTimeKind.Utc), "plain", -3));
        ingestion.Complete();

        var json = Encoding.UTF8.GetString(Assert.Single(sender.Bodies).Json);
        Assert.Equal(
            "{\"data_stream_token\":\"test-token\",\"metric_agg_func\":\"Average\",\"data\":[" +
            "{\"timestamp\":\"2026-03-04T05:00:00Z\",\"metric_name\":\"requests \\u0022quoted\\u0022\",\"metric_value\":12.5,\"custom_dimensions\":{\"team\":\"platform\"}}," +
            "{\"timestamp\":\"2026-03-04T06:00:00Z\",\"metric_name\":\"plain\",\"metric_value\":-3}]}",
            json);
    }

    [Fact]
    public void Space_separated_timestamps_and_local_times_converted_to_utc()
    {
        var sender = new FakeBatchSender();
        using var ingestion = Create(sender, format: TimestampFormat.SpaceSeparated);
        var utc = new DateTime(2026, 3, 4, 5, 0, 0, DateTimeKind.Utc);
        ingestion.Add(new CustomDataPoint(utc.ToLocalTime(), "m", 1));
        ingestion.Complete();

        Assert.Equal("2026-03-04 05:00:00", Assert.Single(Assert.Single(sender.Bodies).Points).Timestamp);
    }

    [Fact]
    public void Gzip_bodies_decompress_to_the_same_json()
    {
        var plain = new FakeBatchSender();
        var gzipped = new FakeBatchSender();
        using (var a = Create(plain))
        using (var b = Create(gzipped, o => o.Compress = true))
        {
            for (var i = 0; i < 50; i++)
            {
                a.Add(Point(i));
                b.Add(Point(i));
            }

            a.Complete();
            b.Complete();
        }

        Assert.True(Assert.Single(gzipped.Bodies).Gzip);
        Assert.Equal(Assert.Single(plain.Bodies).Json, gzipped.Bodies[0].Json);
    }

    [Fact]
    public void BodyBytes_is_the_size_of_the_body_the_server_receives()
    {
        var sender = new FakeBatchSender();
        using var ingestion = Create(sender, o => { o.MaxPointsPerRequest = 3; o.ReportAllRequests = true; });
        for (var i = 0; i < 7; i++)
        {
            ingestion.Add(Point(i));
        }

        ingestion.Complete();

        // Requests run concurrently: compare the sizes as sets.
        Assert.Equal(sender.Bodies.Select(b => b.Json.Length).Order(), TakeResults(ingestion).Select(r => r.BodyBytes).Order());
    }

    [Fact]
    public void A_dry_run_sends_nothing_and_reports_every_planned_request_with_its_points()
    {
        var sender = new FakeBatchSender();
        using var ingestion = Create(sender, o => { o.DryRun = true; o.MaxPointsPerRequest = 4; });
        for (var i = 0; i < 10; i++)
        {
            ingestion.Add(Point(i));
        }

        var summary = ingestion.Complete();

        Assert.Equal(0, sender.Calls);
        var planned = TakeResults(ingestion);

        Assert.All(planned, r => Assert.Equal(CustomDataRequestStatus.Planned, r.Status));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (double)i), planned.OrderBy(r => r.Sequence).SelectMany(r => r.Points).Select(p => p.MetricValue));
        Assert.Contains("4 point(s) aggregated by Sum (metrics m0; 2026-01-01T00:00:00Z to 2026-01-01T03:00:00Z)", planned.OrderBy(r => r.Sequence).First().Describe());
        Assert.True(summary.DryRun);
        Assert.Equal(10, summary.NotSent);
        Assert.Equal(0, summary.Sent);
        Assert.Equal(3, summary.Requests);
    }

    private static int PointJsonLength(SentBody body, int index)
    {
        using var document = System.Text.Json.JsonDocument.Parse(body.Json);
        return Encoding.UTF8.GetByteCount(document.RootElement.GetProperty("data")[index].GetRawText());
    }
}
