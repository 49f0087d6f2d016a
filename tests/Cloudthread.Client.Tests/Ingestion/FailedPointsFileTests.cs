using Cloudthread.Client.FailedItems;
using Cloudthread.Client.Ingestion;
using Cloudthread.Client.Models;
using static Cloudthread.Client.Tests.Ingestion.IngestionTestData;

namespace Cloudthread.Client.Tests.Ingestion;

/// <summary>
/// -FailedPointsPath: the file the CSV reader takes back as it is, the reason ignored, no token written; what
/// Send-CtCustomData keeps for it (UnconfirmedPoints) and the sentences it says about it.
/// </summary>
public sealed class FailedPointsFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "ct-failed-" + Guid.NewGuid().ToString("N"))).FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Points_written_are_read_back_identical_one_file_per_set_of_dimension_names()
    {
        var points = new List<CustomDataPoint>();
        for (var i = 0; i < 10; i++)
        {
            var point = new CustomDataPoint(Start.AddHours(i), "m, \"quoted\"", i * 0.1) { AggregationFunction = i % 2 == 0 ? AggregationFunction.Sum : AggregationFunction.Maximum, DataStreamToken = "secret-token-xyz" };
            point.Dimensions["Region"] = "eu " + i;
            if (i % 3 == 0)
            {
                point.Dimensions["Team"] = "team, \"" + i + "\"";
            }

            points.Add(point);
        }

        var path = Path.Combine(_folder, "failed.csv");
        var files = FailedPointsFile.Write(path, points.Select(p => new KeyValuePair<CustomDataPoint, string>(p, "request 1 failed: 429 (not stored)")));

        Assert.Equal(new[] { path, Path.Combine(_folder, "failed-2.csv") }, files.Select(f => f.Key));
        Assert.Equal(10, files.Sum(f => f.Value));
        Assert.All(files, f => Assert.DoesNotContain("secret-token-xyz", File.ReadAllText(f.Key), StringComparison.Ordinal));

        var sender = new FakeBatchSender();
        using (var ingestion = Create(sender, o => o.DataStreamToken = "t"))
        {
            foreach (var file in files)
            {
                ingestion.AddCsv(file.Key);
            }

            Assert.Equal(10, ingestion.Complete().Sent);
        }

        var read = sender.Bodies.SelectMany(b => b.Points.Select(p => (b.Aggregation, p))).ToList();
        foreach (var point in points)
        {
            var match = Assert.Single(read, r => r.p.MetricValue == point.MetricValue);
            Assert.Equal(point.MetricName, match.p.MetricName);
            Assert.Equal(point.AggregationFunction.ToString(), match.Aggregation);
            Assert.Equal(point.Dimensions.OrderBy(d => d.Key), match.p.Dimensions.OrderBy(d => d.Key));
        }
    }

    [Fact]
    public void The_unread_rest_of_a_csv_file_is_read_from_the_first_record_not_read_leaving_invalid_records_out()
    {
        var path = Path.Combine(_folder, "input.csv");
        File.WriteAllText(path, "Timestamp,MetricName,MetricValue,agg,Region\n"
            + "2026-01-01 00:00:00,a,1,,eu\n2026-01-01 01:00:00,b,2,,eu\n2026-01-01 02:30:00,c,3,,eu\n2026-01-01 03:00:00,d,4,Maximum,us\n");

        var rest = UnreadCsvPoints.Read(path, null, 1, AggregationFunction.Average, out var invalid);

        Assert.Equal(1, invalid);
        Assert.Equal(new[] { "b", "d" }, rest.Select(p => p.MetricName));
        Assert.Equal(new AggregationFunction?[] { AggregationFunction.Average, AggregationFunction.Maximum }, rest.Select(p => p.AggregationFunction));
        Assert.Equal("us", rest[1].Dimensions["Region"]);
    }

    [Fact]
    public void A_record_skipped_for_its_quoting_is_one_input_item_read_as_the_run_counts_them_and_only_those_not_read_are_invalid()
    {
        var path = Path.Combine(_folder, "input.csv");
        File.WriteAllText(path, "Timestamp,MetricName,MetricValue\n"
            + "2026-01-01 00:00:00,a,1\n\"broken,b,2\n2026-01-01 02:00:00,c,3\n2026-01-01 03:00:00,d,4\nx\"y,e,5\n2026-01-01 05:00:00,f,6\n");
        using (var ingestion = Create(new FakeBatchSender()))
        {
            ingestion.AddCsv(path);
            Assert.Equal(6, ingestion.NextInputIndex);
            ingestion.Complete();
        }

        // A run stopped after three input items (a, the broken record, c): the rest is d, e (skipped) and f.
        var rest = UnreadCsvPoints.Read(path, null, 3, AggregationFunction.Average, out var invalid);

        Assert.Equal(new[] { "d", "f" }, rest.Select(p => p.MetricName));
        Assert.Equal(1, invalid);
    }

    [Fact]
    public void Only_failed_and_cancelled_requests_are_kept_and_saved_with_their_reason()
    {
        var kept = new UnconfirmedPoints(Path.Combine(_folder, "failed.csv"));
        kept.Keep(Result(1, CustomDataRequestStatus.Sent, "sent"));
        kept.Keep(Result(2, CustomDataRequestStatus.Failed, "failed"));
        kept.Keep(Result(3, CustomDataRequestStatus.Cancelled, "cancelled"));
        kept.Keep(Result(4, CustomDataRequestStatus.Planned, "planned"));

        var saved = kept.Save(sent: 1);

        Assert.Equal(2, kept.Count);
        Assert.Equal("2 point(s) not confirmed (1 stored) are in '" + kept.Path + "' (2); send them again with: Send-CtCustomData -Path '" + kept.Path + "'", saved);
        var lines = File.ReadAllLines(kept.Path);
        Assert.Equal(3, lines.Length);
        Assert.Equal("failed", lines[1].Split(',')[1]);
        Assert.EndsWith("request 2 failed: boom (not stored)", lines[1], StringComparison.Ordinal);
        Assert.Equal("cancelled", lines[2].Split(',')[1]);
        Assert.EndsWith("stopped before it was sent (not stored)", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_kept_still_replaces_the_file_and_says_nothing()
    {
        var path = Path.Combine(_folder, "failed.csv");
        File.WriteAllText(path, "an old run's points");

        Assert.Null(new UnconfirmedPoints(path).Save(sent: 5));
        Assert.DoesNotContain("an old run", File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Fact]
    public void The_unread_rest_of_a_csv_file_is_kept_and_a_file_that_cannot_be_read_is_said_not_thrown()
    {
        var csv = Path.Combine(_folder, "input.csv");
        File.WriteAllText(csv, "Timestamp,MetricName,MetricValue\n2026-01-01 00:00:00,a,1\n2026-01-01 01:00:00,b,2\n2026-01-01 02:30:00,c,3\n");
        var kept = new UnconfirmedPoints(Path.Combine(_folder, "failed.csv"));

        Assert.Equal("1 more point(s) of the file were not read (1 invalid record(s) of them left out)", kept.KeepUnreadCsv(csv, null, 1, AggregationFunction.Sum));
        Assert.Equal(1, kept.Count);
        var missing = kept.KeepUnreadCsv(Path.Combine(_folder, "gone.csv"), null, 0, AggregationFunction.Sum);
        Assert.StartsWith(UnconfirmedPoints.NotRead + " (and could not be read for -FailedPointsPath: ", missing, StringComparison.Ordinal);
        Assert.Equal(1, kept.Count);
    }

    [Fact]
    public void The_stop_report_counts_what_was_stored_and_is_silent_when_nothing_was_to_be_stored()
    {
        var stopped = Summary(accepted: 10, sent: 4, rejected: 1, notSent: 4, notSentMayHaveBeenStored: 2, cancelled: true, dryRun: false);

        Assert.Equal(
            "Send-CtCustomData stopped after 11 input item(s): 4 point(s) stored (confirmed), 2 may or may not have been stored (in flight, or failed without an answer that proves either), 4 not stored (not sent, or refused); 1 invalid item(s) skipped; input after that was not read. Sending the points not confirmed again is safe (ingest is an upsert); -FailedPointsPath keeps them in a file that -Path takes back.",
            UnconfirmedPoints.StopReport(stopped, 11, UnconfirmedPoints.NotRead, saved: null));
        Assert.EndsWith("not read. 6 saved", UnconfirmedPoints.StopReport(stopped, 11, UnconfirmedPoints.NotRead, saved: "6 saved"), StringComparison.Ordinal);
        var none = Summary(accepted: 0, sent: 0, rejected: 3, notSent: 0, notSentMayHaveBeenStored: 0, cancelled: true, dryRun: false);
        Assert.Null(UnconfirmedPoints.StopReport(none, 3, UnconfirmedPoints.NotRead, null));
        var dryRun = Summary(accepted: 5, sent: 0, rejected: 0, notSent: 5, notSentMayHaveBeenStored: 0, cancelled: true, dryRun: true);
        Assert.Null(UnconfirmedPoints.StopReport(dryRun, 5, UnconfirmedPoints.NotRead, null));
    }

    /// <summary>A summary with these counts, made the way an ingestion makes one: from its counters.</summary>
    private static IngestSummary Summary(int accepted, int sent, int rejected, int notSent, int notSentMayHaveBeenStored, bool cancelled, bool dryRun)
    {
        var counters = new IngestCounters();
        for (var i = 0; i < accepted; i++)
        {
            counters.PointAccepted();
        }

        for (var i = 0; i < rejected; i++)
        {
            counters.ItemRejected();
        }

        counters.PointsSent(sent);
        counters.PointsNotSent(notSent, mayHaveBeenStored: false);
        counters.PointsNotSent(notSentMayHaveBeenStored, mayHaveBeenStored: true);
        return counters.Summary(cancelled, dryRun);
    }

    private static CustomDataRequestResult Result(long sequence, CustomDataRequestStatus status, string metric)
    {
        var point = new CustomDataPoint(Start, metric, 1);
        return new CustomDataRequestResult(
            sequence, AggregationFunction.Sum, 1, 100, status, status == CustomDataRequestStatus.Failed ? 400 : null, TimeSpan.Zero,
            status == CustomDataRequestStatus.Failed ? new CloudthreadException(CloudthreadErrorKind.Unknown, "boom") : null,
            new[] { point });
    }
}
