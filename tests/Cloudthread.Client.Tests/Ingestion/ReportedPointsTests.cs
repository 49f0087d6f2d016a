using Cloudthread.Client.Ingestion;
using Cloudthread.Client.Models;
using static Cloudthread.Client.Tests.Ingestion.IngestionTestData;

namespace Cloudthread.Client.Tests.Ingestion;

/// <summary>
/// Requests do not keep their points as objects; a reported request reads them back from its body. What comes back
/// must be the points as given (the instant, name, value, dimensions), with the request's aggregation function, and a
/// token only when the point brought its own.
/// </summary>
public sealed class ReportedPointsTests
{
    [Theory]
    [InlineData(TimestampFormat.Rfc3339)]
    [InlineData(TimestampFormat.SpaceSeparated)]
    public void A_failed_request_reports_its_points_as_they_were_given(TimestampFormat format)
    {
        var sender = new FakeBatchSender { Fail = (_, _) => FakeBatchSender.BadRequest() };
        using var ingestion = Create(sender, o => o.AggregationFunction = AggregationFunction.Maximum, format);
        var local = new DateTime(2026, 7, 1, 12, 0, 0, DateTimeKind.Local);
        var given = new[]
        {
            new CustomDataPoint(local, "cpu \"quoted\" ünïcode", 0.1 + 0.2) { Dimensions = { ["region"] = "eu-west-1", ["Team"] = "a,b<c>" } },
            new CustomDataPoint(Start, "plain", -1.5e300),
            new CustomDataPoint(Start.AddHours(1), "own-token", 42) { DataStreamToken = "other-token" },
        };
        foreach (var point in given)
        {
            ingestion.Add(point);
        }

        ingestion.Complete();
        var reported = TakeResults(ingestion).Where(r => r.Status == CustomDataRequestStatus.Failed).SelectMany(r => r.Points).ToList();

        Assert.Equal(3, reported.Count);
        var first = reported.Single(p => p.MetricName == given[0].MetricName);
        Assert.Equal(local.ToUniversalTime(), first.Timestamp);
        Assert.Equal(DateTimeKind.Utc, first.Timestamp.Kind);
        Assert.Equal(0.1 + 0.2, first.MetricValue);
        Assert.Equal(given[0].Dimensions, first.Dimensions);
        Assert.Equal(AggregationFunction.Maximum, first.AggregationFunction);
        Assert.Null(first.DataStreamToken);
        Assert.Equal(-1.5e300, reported.Single(p => p.MetricName == "plain").MetricValue);
        Assert.Empty(reported.Single(p => p.MetricName == "plain").Dimensions);
        Assert.Equal("other-token", reported.Single(p => p.MetricName == "own-token").DataStreamToken);
    }

    [Fact]
    public void Rows_share_one_point_but_every_request_reports_its_own_values()
    {
        // The engine fills one point object for every row; a dry run must still plan each row's own values.
        using var ingestion = CustomDataIngestion.StartDryRun(new CustomDataIngestOptions { DataStreamToken = Token, MaxPointsPerRequest = 2 });
        var map = CustomDataColumnMap.Create(new[] { "Timestamp", "MetricName", "MetricValue", "region" });
        for (var i = 0; i < 5; i++)
        {
            ingestion.AddRow(map, new object?[] { Start.AddHours(i).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), "m", i.ToString(System.Globalization.CultureInfo.InvariantCulture), i % 2 == 0 ? "even" : "odd" });
        }

        ingestion.Complete();
        var planned = TakeResults(ingestion).OrderBy(r => r.Sequence).SelectMany(r => r.Points).ToList();

        Assert.Equal(new double[] { 0, 1, 2, 3, 4 }, planned.Select(p => p.MetricValue));
        Assert.Equal(Enumerable.Range(0, 5).Select(i => Start.AddHours(i)), planned.Select(p => p.Timestamp));
        Assert.Equal(new[] { "even", "odd", "even", "odd", "even" }, planned.Select(p => p.Dimensions["region"]));
    }

    [Fact]
    public async Task Requests_run_in_the_log_scope_the_ingestion_started_in_whoever_adds_the_points()
    {
        var sender = new FakeBatchSender();
        var started = new Cloudthread.Client.Tests.TestInfrastructure.TestLogger(CloudthreadLogLevel.Detail);
        CustomDataIngestion ingestion;
        using (CloudthreadLogScope.Begin(started))
        {
            ingestion = Create(sender, o => o.MaxPointsPerRequest = 3);
        }

        using (ingestion)
        using (CloudthreadLogScope.Begin(new Cloudthread.Client.Tests.TestInfrastructure.TestLogger(CloudthreadLogLevel.Detail)))
        {
            await Task.Run(() =>
            {
                for (var i = 0; i < 10; i++)
                {
                    ingestion.Add(Point(i));
                }
            });
            ingestion.Complete();
        }

        Assert.Equal(4, sender.Bodies.Count);
        Assert.All(sender.Bodies, body => Assert.Same(started, body.LogScope));
    }
}
