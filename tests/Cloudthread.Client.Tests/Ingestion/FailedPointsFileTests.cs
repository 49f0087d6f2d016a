using Cloudthread.Client.FailedItems;
using Cloudthread.Client.Models;
using static Cloudthread.Client.Tests.Ingestion.IngestionTestData;

namespace Cloudthread.Client.Tests.Ingestion;

/// <summary>-FailedPointsPath: the file the CSV reader takes back as it is, the reason ignored, no token written.</summary>
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
}
