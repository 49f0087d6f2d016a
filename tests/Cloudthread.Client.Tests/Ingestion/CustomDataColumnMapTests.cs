using System.Collections;
using Cloudthread.Client.Ingestion;
using Cloudthread.Client.Models;

namespace Cloudthread.Client.Tests.Ingestion;

public sealed class CustomDataColumnMapTests
{
    [Theory]
    [InlineData("Timestamp", "MetricName", "MetricValue")]
    [InlineData("time", "metric", "value")]
    [InlineData("DATE", "name", "Value")]
    [InlineData("datetime", "metric_name", "metric_value")]
    [InlineData("date_time", "Metric-Name", "metric value")]
    public void Finds_the_point_fields_by_name_or_alias_ignoring_case(string timestamp, string metric, string value)
    {
        var map = CustomDataColumnMap.Create(new[] { "region", value, timestamp, metric });

        Assert.Null(map.Problem);
        Assert.Equal(2, map.TimestampColumn);
        Assert.Equal(3, map.MetricNameColumn);
        Assert.Equal(1, map.MetricValueColumn);
        Assert.Equal(new[] { "region" }, map.DimensionColumnNames);
    }

    [Fact]
    public void Finds_aggregation_token_and_a_dimension_dictionary()
    {
        var map = CustomDataColumnMap.Create(new[] { "Timestamp", "MetricName", "MetricValue", "metric_agg_func", "DataStreamToken", "custom_dimensions", "team" });

        Assert.Null(map.Problem);
        Assert.Equal(3, map.AggregationFunctionColumn);
        Assert.Equal(4, map.DataStreamTokenColumn);
        Assert.Equal(5, map.DimensionsColumn);
        Assert.Equal(new[] { "team" }, map.DimensionColumnNames);
    }

    [Fact]
    public void A_missing_required_column_is_a_problem_of_the_shape()
    {
        var map = CustomDataColumnMap.Create(new[] { "Timestamp", "Value" });

        Assert.Equal("MetricName", map.ProblemField);
        Assert.Contains("is missing", map.Problem);
        Assert.False(map.TryCreatePoint(new object?[] { "2026-01-01 00:00:00", "1" }, out var point, out var rejection));
        Assert.Null(point);
        Assert.Equal(CustomDataRejectionCode.UnusableColumns, rejection!.Code);
        Assert.Equal("MetricName", rejection.Field);
        Assert.Equal(map.Problem, rejection.Reason);
    }

    [Fact]
    public void Two_columns_for_one_field_are_a_problem_not_a_guess()
    {
        var map = CustomDataColumnMap.Create(new[] { "date", "time", "metric", "value" });

        Assert.Contains("both name the point's Timestamp", map.Problem);
    }

    [Fact]
    public void Named_dimension_columns_are_the_only_dimensions()
    {
        var map = CustomDataColumnMap.Create(new[] { "Timestamp", "MetricName", "MetricValue", "Region", "Team", "Comment" }, new[] { "region", "team" });
        Assert.True(map.TryCreatePoint(new object?[] { "2026-01-01 00:00:00", "cpu", "1.5", "eu", "platform", "ignored" }, out var point, out _));

        Assert.Equal(new Dictionary<string, string> { ["Region"] = "eu", ["Team"] = "platform" }, point!.Dimensions);
    }

    [Fact]
    public void A_named_dimension_that_is_not_there_is_a_problem()
    {
        var map = CustomDataColumnMap.Create(new[] { "Timestamp", "MetricName", "MetricValue" }, new[] { "Region" });

        Assert.Equal("Region", map.ProblemField);
    }

    [Fact]
    public void Converts_values_with_the_invariant_culture_whatever_the_current_one()
    {
        var previous = Thread.CurrentThread.CurrentCulture;
        Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            var map = CustomDataColumnMap.Create(new[] { "Timestamp", "MetricName", "MetricValue" });
            Assert.True(map.TryCreatePoint(new object?[] { "20260101050000", "cpu", "1234.5" }, out var point, out _));
            Assert.Equal(1234.5, point!.MetricValue);
            Assert.Equal(new DateTime(2026, 1, 1, 5, 0, 0, DateTimeKind.Utc), point.Timestamp);

            Assert.False(map.TryCreatePoint(new object?[] { "20260101050000", "cpu", "1234,5" }, out _, out var rejection));
            Assert.Equal("'1234,5' is not a number (use invariant culture: 1234.5)", rejection!.Reason);
            Assert.Equal("MetricValue", rejection.Field);
            Assert.Equal(CustomDataRejectionCode.InvalidMetricValue, rejection.Code);
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    public void Rejects_non_finite_values(string text)
    {
        var map = CustomDataColumnMap.Create(new[] { "Timestamp", "MetricName", "MetricValue" });

        Assert.False(map.TryCreatePoint(new object?[] { "2026-01-01T00:00:00Z", "cpu", text }, out _, out var rejection));
        Assert.Equal(CustomDataRejectionCode.InvalidMetricValue, rejection!.Code);
        Assert.Equal("MetricValue", rejection.Field);
        Assert.StartsWith("must be a finite number", rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Accepts_typed_values_from_objects()
    {
        var map = CustomDataColumnMap.Create(new[] { "Timestamp", "MetricName", "MetricValue", "AggregationFunction", "Dimensions", "Team" });
        var local = new DateTime(2026, 1, 1, 5, 0, 0, DateTimeKind.Utc).ToLocalTime();

        Assert.True(map.TryCreatePoint(new object?[] { local, "cpu", 42, "maximum", new Hashtable { ["az"] = "a" }, "web" }, out var point, out _));

        Assert.Equal(new DateTime(2026, 1, 1, 5, 0, 0, DateTimeKind.Utc), point!.Timestamp);
        Assert.Equal(42, point.MetricValue);
        Assert.Equal(AggregationFunction.Maximum, point.AggregationFunction);
        Assert.Equal(new Dictionary<string, string> { ["az"] = "a", ["Team"] = "web" }, point.Dimensions);
    }

    [Fact]
    public void An_unknown_aggregation_function_names_the_allowed_ones()
    {
        var map = CustomDataColumnMap.Create(new[] { "Timestamp", "MetricName", "MetricValue", "agg" });

        Assert.False(map.TryCreatePoint(new object?[] { "2026-01-01T00:00:00Z", "cpu", "1", "Median" }, out _, out var rejection));
        Assert.Equal("'Median' is not an aggregation function (Sum, Average, Maximum, Minimum)", rejection!.Reason);
        Assert.Equal("agg", rejection.Field);
        Assert.Equal(CustomDataRejectionCode.InvalidAggregation, rejection.Code);
    }

    [Fact]
    public void More_than_ten_remaining_columns_reject_the_point_and_say_how_to_choose()
    {
        var names = new[] { "Timestamp", "MetricName", "MetricValue" }.Concat(Enumerable.Range(0, 11).Select(i => "d" + i)).ToArray();
        var map = CustomDataColumnMap.Create(names);
        var values = new object?[] { "2026-01-01T00:00:00Z", "cpu", "1" }.Concat(Enumerable.Range(0, 11).Select(i => (object?)"v")).ToArray();

        Assert.False(map.TryCreatePoint(values, out _, out var rejection));
        Assert.Contains("at most 10 are allowed: choose them with -DimensionProperty", rejection!.Reason);
        Assert.Equal("Dimensions", rejection.Field);
        Assert.Equal(CustomDataRejectionCode.InvalidDimensions, rejection.Code);
    }

    [Fact]
    public void An_empty_or_null_dimension_rejects_the_point_and_names_the_dimension()
    {
        // It used to vanish from the point, which then keyed another record on the server.
        var map = CustomDataColumnMap.Create(new[] { "Timestamp", "MetricName", "MetricValue", "a", "b" });

        Assert.False(map.TryCreatePoint(new object?[] { "2026-01-01T00:00:00Z", "cpu", "1", "", "x" }, out _, out var empty));
        Assert.StartsWith("is an empty dimension", empty!.Reason, StringComparison.Ordinal);
        Assert.Equal("a", empty.Field);
        Assert.Equal(CustomDataRejectionCode.InvalidDimensions, empty.Code);
        Assert.False(map.TryCreatePoint(new object?[] { "2026-01-01T00:00:00Z", "cpu", "1", "x", null }, out _, out var missing));
        Assert.StartsWith("is an empty dimension", missing!.Reason, StringComparison.Ordinal);
        Assert.Equal("b", missing.Field);
        Assert.Equal(CustomDataRejectionCode.InvalidDimensions, missing.Code);
    }

    [Theory]
    [InlineData("2026-01-01T00:30:00Z", "00:30:00 (UTC) is not on the hour")]
    [InlineData(null, "is required")]
    [InlineData("soon", "'soon' is not a timestamp (use RFC 3339, 'yyyy-MM-dd HH:mm:ss', yyyyMMddHHmmss or epoch seconds)")]
    public void A_bad_timestamp_is_refused_with_its_column_and_why(string? timestamp, string reason)
    {
        var map = CustomDataColumnMap.Create(new[] { "time", "metric", "value" });

        Assert.False(map.TryCreatePoint(new object?[] { timestamp, "cpu", "1" }, out var point, out var rejection));
        Assert.Null(point);
        Assert.Equal(CustomDataRejectionCode.InvalidTimestamp, rejection!.Code);
        Assert.Equal("time", rejection.Field);
        Assert.Equal(reason, rejection.Reason);
    }

    [Fact]
    public void An_empty_metric_name_is_refused_with_its_column()
    {
        var map = CustomDataColumnMap.Create(new[] { "time", "metric", "value" });

        Assert.False(map.TryCreatePoint(new object?[] { "2026-01-01T00:00:00Z", " ", "1" }, out _, out var rejection));
        Assert.Equal(CustomDataRejectionCode.InvalidMetricName, rejection!.Code);
        Assert.Equal("metric", rejection.Field);
        Assert.Equal("is empty", rejection.Reason);
    }

    [Fact]
    public void A_dimensions_column_that_is_not_a_dictionary_is_refused_with_its_column()
    {
        var map = CustomDataColumnMap.Create(new[] { "time", "metric", "value", "custom_dimensions" });

        Assert.False(map.TryCreatePoint(new object?[] { "2026-01-01T00:00:00Z", "cpu", "1", "region=eu" }, out _, out var rejection));
        Assert.Equal(CustomDataRejectionCode.InvalidDimensions, rejection!.Code);
        Assert.Equal("custom_dimensions", rejection.Field);
        Assert.Equal("must be a dictionary of dimension name to value", rejection.Reason);
    }
}
