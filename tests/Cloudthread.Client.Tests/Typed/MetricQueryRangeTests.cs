using Cloudthread.Client.Models;

namespace Cloudthread.Client.Tests.Typed;

/// <summary>Get-CtMetric's date range rule, decided in the client: an end defaults to today, a start to 30 days before the end.</summary>
public sealed class MetricQueryRangeTests
{
    private static readonly DateTime Today = new(2026, 11, 23);

    [Fact]
    public void Without_dates_the_range_is_the_30_days_up_to_today()
    {
        var query = MetricQuery.ForDates(null, null, Today.AddHours(15));
        Assert.Equal(new DateTime(2026, 10, 24), query.Start);
        Assert.Equal(Today, query.End);
    }

    [Fact]
    public void A_start_alone_runs_to_today_and_an_end_alone_starts_30_days_before_it()
    {
        var from = MetricQuery.ForDates(new DateTime(2026, 1, 5, 13, 0, 0), null, Today);
        Assert.Equal(new DateTime(2026, 1, 5), from.Start);
        Assert.Equal(Today, from.End);

        var until = MetricQuery.ForDates(null, new DateTime(2026, 3, 1, 23, 59, 0), Today);
        Assert.Equal(new DateTime(2026, 1, 30), until.Start);
        Assert.Equal(new DateTime(2026, 3, 1), until.End);
    }

    [Fact]
    public void Given_dates_are_kept_as_dates_even_in_the_wrong_order_for_the_validator_to_report()
    {
        var query = MetricQuery.ForDates(new DateTime(2026, 5, 2, 8, 0, 0), new DateTime(2026, 5, 1, 9, 0, 0), Today);
        Assert.Equal(new DateTime(2026, 5, 2), query.Start);
        Assert.Equal(new DateTime(2026, 5, 1), query.End);
        Assert.Equal(MetricGranularity.Day, query.Granularity);
    }
}
