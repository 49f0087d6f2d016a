using Cloudthread.Client.Ingestion;

namespace Cloudthread.Client.Tests.Ingestion;

public sealed class CustomDataColumnMapCacheTests
{
    [Fact]
    public void Rows_of_one_shape_share_one_map_even_when_the_caller_reuses_its_name_list()
    {
        var cache = new CustomDataColumnMapCache();
        var names = new List<string> { "Timestamp", "MetricName", "MetricValue", "team" };

        var first = cache.Get(names);
        names.Clear();
        names.AddRange(new[] { "Timestamp", "MetricName", "MetricValue", "team" });
        var second = cache.Get(names);

        Assert.Same(first, second);
        Assert.Equal(1, cache.Count);
        Assert.Equal(new[] { "team" }, first.DimensionColumnNames);
    }

    [Fact]
    public void The_map_keeps_its_own_copy_of_the_names()
    {
        var cache = new CustomDataColumnMapCache();
        var names = new List<string> { "Timestamp", "MetricName", "MetricValue", "team" };

        var map = cache.Get(names);
        names[3] = "region";

        Assert.Equal("team", map.ColumnNames[3]);
        Assert.NotSame(map, cache.Get(names));
    }

    [Fact]
    public void Alternating_shapes_are_each_built_once()
    {
        var cache = new CustomDataColumnMapCache();
        string[] a = { "Timestamp", "MetricName", "MetricValue", "team" };
        string[] b = { "time", "metric", "value" };

        var mapA = cache.Get(a);
        var mapB = cache.Get(b);

        Assert.Same(mapA, cache.Get(a));
        Assert.Same(mapB, cache.Get(b));
        Assert.Equal(2, cache.Count);
        Assert.Equal(1, mapB.MetricNameColumn);
    }

    [Fact]
    public void Names_are_compared_exactly_and_never_joined()
    {
        var cache = new CustomDataColumnMapCache();

        var split = cache.Get(new[] { "Timestamp", "MetricName", "MetricValue", "a", "b" });
        var joined = cache.Get(new[] { "Timestamp", "MetricName", "MetricValue", "a\u0001b" });
        var recased = cache.Get(new[] { "timestamp", "MetricName", "MetricValue", "a", "b" });

        Assert.NotSame(split, joined);
        Assert.NotSame(split, recased);
        Assert.Equal(new[] { "a", "b" }, split.DimensionColumnNames);
        Assert.Equal(new[] { "a\u0001b" }, joined.DimensionColumnNames);
    }

    [Fact]
    public void The_dimension_list_applies_to_every_shape_and_is_copied()
    {
        var dimensions = new List<string> { "team" };
        var cache = new CustomDataColumnMapCache(dimensions);
        dimensions[0] = "region";

        var map = cache.Get(new[] { "Timestamp", "MetricName", "MetricValue", "team", "region" });

        Assert.Equal(new[] { "team" }, map.DimensionColumnNames);
    }

    [Fact]
    public void Endless_distinct_shapes_do_not_grow_the_cache_without_bound()
    {
        var cache = new CustomDataColumnMapCache();
        for (var i = 0; i < CustomDataColumnMapCache.MaxShapes * 2 + 3; i++)
        {
            cache.Get(new[] { "Timestamp", "MetricName", "MetricValue", "d" + i });
        }

        Assert.InRange(cache.Count, 1, CustomDataColumnMapCache.MaxShapes);
    }

    [Fact]
    public void A_shape_with_a_problem_is_cached_with_its_problem()
    {
        var cache = new CustomDataColumnMapCache();

        var map = cache.Get(new[] { "MetricName", "MetricValue" });

        Assert.NotNull(map.Problem);
        Assert.Same(map, cache.Get(new[] { "MetricName", "MetricValue" }));
    }
}
