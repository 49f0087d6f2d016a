using Cloudthread.Client.Ingestion;

namespace Cloudthread.Client.Tests.Ingestion;

/// <summary>With named dimensions a shape says how to read its rows by name; without, every column must be listed.</summary>
public sealed class CustomDataColumnReadPlanTests
{
    [Fact]
    public void Named_dimensions_give_the_columns_to_look_up_and_the_names_of_the_missing_parts()
    {
        var map = CustomDataColumnMap.Create(new[] { "Note", "time", "Metric_Name", "value", "Region", "Team" }, new[] { "Team", "region" });

        var plan = Assert.IsType<CustomDataColumnReadPlan>(map.ReadByName);

        Assert.Equal(new[] { 1, 2, 3, 5, 4 }, plan.Columns);
        Assert.Contains("AggregationFunction", plan.AbsentPartNames);
        Assert.Contains("metric_agg_func", plan.AbsentPartNames);
        Assert.Contains("data_stream_token", plan.AbsentPartNames);
        Assert.Contains("custom_dimensions", plan.AbsentPartNames);
        Assert.DoesNotContain("Note", plan.AbsentPartNames);
    }

    [Fact]
    public void A_part_the_shape_has_is_read_and_not_looked_for_under_other_names()
    {
        var map = CustomDataColumnMap.Create(new[] { "Timestamp", "MetricName", "MetricValue", "agg", "DataStreamToken", "Region" }, new[] { "Region" });

        var plan = map.ReadByName!;

        Assert.Equal(new[] { 0, 1, 2, 3, 4, 5 }, plan.Columns);
        Assert.DoesNotContain("AggregationFunction", plan.AbsentPartNames);
        Assert.DoesNotContain("DataStreamToken", plan.AbsentPartNames);
        Assert.Contains("Dimensions", plan.AbsentPartNames);
    }

    [Fact]
    public void Without_named_dimensions_or_with_a_problem_there_is_no_plan()
    {
        Assert.Null(CustomDataColumnMap.Create(new[] { "Timestamp", "MetricName", "MetricValue", "Region" }).ReadByName);
        Assert.Null(CustomDataColumnMap.Create(new[] { "Timestamp", "MetricName", "Region" }, new[] { "Region" }).ReadByName);
        Assert.Null(CustomDataColumnMap.Create(new[] { "Timestamp", "MetricName", "MetricValue" }, new[] { "Region" }).ReadByName);
    }
}
