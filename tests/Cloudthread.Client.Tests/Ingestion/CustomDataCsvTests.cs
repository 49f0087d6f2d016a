using System.Text;
using Cloudthread.Client.Ingestion;
using Cloudthread.Client.Models;
using static Cloudthread.Client.Tests.Ingestion.IngestionTestData;

namespace Cloudthread.Client.Tests.Ingestion;

public sealed class CustomDataCsvTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "ct-ingest-" + Guid.NewGuid().ToString("N") + ".csv");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void A_csv_file_and_the_same_rows_as_strings_produce_identical_requests()
    {
        var csv = new StringBuilder("Timestamp,MetricName,MetricValue,Region,agg\n");
        var rows = new List<object?[]>();
        for (var i = 0; i < 2500; i++)
        {
            var row = new object?[] { Start.AddHours(i).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), "m" + (i % 4), (i * 1.5).ToString(System.Globalization.CultureInfo.InvariantCulture), i % 3 == 0 ? "eu, \"west\"" : "us", i % 5 == 0 ? "Average" : "" };
            rows.Add(row);
            csv.Append(string.Join(",", row.Select(v => ((string)v!).Contains(',') ? "\"" + ((string)v!).Replace("\"", "\"\"") + "\"" : (string)v!))).Append('\n');
        }

        File.WriteAllText(_path, csv.ToString());

        var fromCsv = new FakeBatchSender();
        using (var ingestion = Create(fromCsv, o => o.MaxConcurrentRequests = 1))
        {
            ingestion.AddCsv(_path);
            Assert.Equal(2500, ingestion.Complete().Sent);
        }

        var fromRows = new FakeBatchSender();
        using (var ingestion = Create(fromRows, o => o.MaxConcurrentRequests = 1))
        {
            var map = CustomDataColumnMap.Create(new[] { "Timestamp", "MetricName", "MetricValue", "Region", "agg" });
            foreach (var row in rows)
            {
                Assert.True(ingestion.AddRow(map, row));
            }

            ingestion.Complete();
        }

        Assert.Equal(fromRows.Bodies.Select(b => Convert.ToBase64String(b.Json)), fromCsv.Bodies.Select(b => Convert.ToBase64String(b.Json)));
        Assert.Contains(fromCsv.Bodies, b => b.Aggregation == "Average");
        Assert.Contains(fromCsv.Bodies.SelectMany(b => b.Points), p => p.Dimensions["Region"] == "eu, \"west\"");
    }

    [Fact]
    public void Bad_records_are_reported_by_row_with_their_code_and_the_rest_are_sent()
    {
        File.WriteAllText(_path, "time,metric,value\n2026-01-01T00:00:00Z,cpu,1\n2026-01-01T00:30:00Z,cpu,2\n2026-01-01T01:00:00Z,cpu,abc\n2026-01-01T02:00:00Z,cpu,4\n");
        var sender = new FakeBatchSender();
        using var ingestion = Create(sender);

        ingestion.AddCsv(_path);
        var summary = ingestion.Complete();

        Assert.Equal(2, summary.Sent);
        Assert.Equal(2, summary.Rejected);
        Assert.True(ingestion.TryTakeRejection(out var first));
        Assert.Equal(1, first.InputIndex);
        Assert.Equal("time", first.Field);
        Assert.Equal(CustomDataRejectionCode.InvalidTimestamp, first.Code);
        var record = Assert.IsType<CsvRecordSource>(first.Input);
        Assert.Equal(2, record.Row);
        Assert.Equal(new[] { "2026-01-01T00:30:00Z", "cpu", "2" }, record.Fields);
        Assert.True(ingestion.TryTakeRejection(out var second));
        Assert.Equal("value", second.Field);
        Assert.Equal(CustomDataRejectionCode.InvalidMetricValue, second.Code);
        Assert.Equal(new[] { "2026-01-01T01:00:00Z", "cpu", "abc" }, ((CsvRecordSource)second.Input!).Fields);
        Assert.Equal(1.0, ingestion.GetProgress().FractionRead);
    }

    [Fact]
    public void A_record_with_too_many_fields_or_an_unclosed_quote_is_rejected_on_its_own_with_its_file_and_line()
    {
        File.WriteAllText(_path, string.Join("\n",
            "time,metric,value,region",
            "2026-01-01T00:00:00Z,cpu,1,eu",
            "2026-01-01T01:00:00Z,cpu,2,eu,extra",
            "2026-01-01T02:00:00Z,\"cpu,3,eu",
            "2026-01-01T03:00:00Z,cpu,4,eu",
            "2026-01-01T04:00:00Z,cpu,5,",
            "2026-01-01T05:00:00Z,cpu,6,us") + "\n");
        var sender = new FakeBatchSender();
        using var ingestion = Create(sender);

        ingestion.AddCsv(_path);
        var summary = ingestion.Complete();

        Assert.Equal(3, summary.Sent);
        var file = Path.GetFileName(_path);
        var messages = new List<string>();
        var codes = new List<CustomDataRejectionCode>();
        while (ingestion.TryTakeRejection(out var rejection))
        {
            messages.Add(rejection.ToString());
            codes.Add(rejection.Code);
        }

        Assert.Equal(new[] { CustomDataRejectionCode.MalformedCsvRecord, CustomDataRejectionCode.MalformedCsvRecord, CustomDataRejectionCode.InvalidDimensions }, codes);

        Assert.Equal(3, messages.Count);
        Assert.StartsWith(file + ", line 3: has 5 fields but the header has 4 columns: 'extra' has no column", messages[0], StringComparison.Ordinal);
        Assert.StartsWith(file + ", line 4: a quoted field is not closed on its line", messages[1], StringComparison.Ordinal);
        Assert.StartsWith(file + ", line 6: region is an empty dimension", messages[2], StringComparison.Ordinal);
        Assert.Equal(new[] { 1.0, 4, 6 }, sender.Bodies.SelectMany(b => b.Points).Select(p => p.MetricValue).Order());
    }

    [Fact]
    public void A_stray_quote_or_text_after_a_closing_quote_is_rejected_with_its_line_raw_text_and_what_to_do()
    {
        File.WriteAllText(_path, "time,metric,value\n2026-01-01T00:00:00Z,c\"pu,1\n\n2026-01-01T01:00:00Z,\"cpu\" ,2\n2026-01-01T02:00:00Z,cpu,3\n");
        var sender = new FakeBatchSender();
        using var ingestion = Create(sender);

        ingestion.AddCsv(_path);
        Assert.Equal(1, ingestion.Complete().Sent);

        var file = Path.GetFileName(_path);
        Assert.True(ingestion.TryTakeRejection(out var stray));
        Assert.Equal(CustomDataRejectionCode.MalformedCsvRecord, stray.Code);
        Assert.Equal(0, stray.InputIndex);
        Assert.Equal(file + ", line 2: a quote inside an unquoted field (quote the field and double the quote: \"\")", stray.ToString());
        var strayRecord = Assert.IsType<CsvRecordSource>(stray.Input);
        Assert.Equal((2L, 1L), (strayRecord.Line, strayRecord.Row));
        Assert.Equal(new[] { "2026-01-01T00:00:00Z,c\"pu,1" }, strayRecord.Fields);
        Assert.True(ingestion.TryTakeRejection(out var after));
        Assert.Equal(file + ", line 4: text after a closing quote", after.ToString());
        Assert.Equal(1, after.InputIndex);
        Assert.Equal((4L, 1L), (((CsvRecordSource)after.Input!).Line, ((CsvRecordSource)after.Input!).Row));
    }

    [Fact]
    public void A_row_with_a_null_dimension_is_rejected_and_counted_from_one()
    {
        var map = CustomDataColumnMap.Create(new[] { "Timestamp", "MetricName", "MetricValue", "Region" });
        using var ingestion = Create(new FakeBatchSender());

        ingestion.AddRow(map, new object?[] { "2026-01-01T00:00:00Z", "cpu", "1", "eu" });
        ingestion.AddRow(map, new object?[] { "2026-01-01T01:00:00Z", "cpu", "2", null });
        ingestion.Complete();

        Assert.True(ingestion.TryTakeRejection(out var rejection));
        Assert.Equal(CustomDataRejectionCode.InvalidDimensions, rejection.Code);
        Assert.Equal("Input item 2: Region is an empty dimension: give every point a value for it, or leave it out (-DimensionProperty)", rejection.ToString());
    }

    [Fact]
    public void A_header_without_the_required_columns_stops_before_anything_is_sent()
    {
        File.WriteAllText(_path, "when,what\n2026-01-01T00:00:00Z,1\n");
        var sender = new FakeBatchSender();
        using var ingestion = Create(sender);

        var error = Assert.Throws<CloudthreadValidationException>(() => ingestion.AddCsv(_path));

        Assert.Contains("header, column Timestamp", error.Message);
        Assert.Equal(0, sender.Calls);
    }

    [Fact]
    public void Named_dimension_columns_apply_to_csv_as_to_rows()
    {
        File.WriteAllText(_path, "Timestamp,MetricName,MetricValue,Region,Note\n2026-01-01T00:00:00Z,cpu,1,eu,x\n");
        var sender = new FakeBatchSender();
        using var ingestion = Create(sender);

        ingestion.AddCsv(_path, new[] { "Region" });
        ingestion.Complete();

        Assert.Equal(new Dictionary<string, string> { ["Region"] = "eu" }, Assert.Single(Assert.Single(sender.Bodies).Points).Dimensions);
    }
}
