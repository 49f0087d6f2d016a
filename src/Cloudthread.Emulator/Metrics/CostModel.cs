using Cloudthread.Emulator.Model;

namespace Cloudthread.Emulator.Metrics;

/// <summary>
/// Deterministic costs: a view's daily cost is its base times a weekday pattern times a slow 91-day
/// ramp; an hour takes a fixed share of its day (the 24 shares sum to exactly one day).
/// Same inputs, same answer, on every run and for any date.
/// </summary>
internal static class CostModel
{
    // Sunday..Saturday: weekends cost less.
    private static readonly double[] WeekdayFactor = [0.82, 1.0, 1.04, 1.06, 1.05, 1.02, 0.86];

    // Hour weights summing to 240: nights cheap, office hours busy.
    private static readonly int[] HourWeight = [7, 7, 7, 7, 7, 7, 9, 9, 9, 13, 13, 13, 13, 13, 13, 13, 13, 13, 10, 10, 10, 10, 7, 7];

    public static double DailyCost(CostView view, DateOnly date)
    {
        var dayNumber = date.DayNumber;
        var ramp = 1.0 + (dayNumber % 91 / 910.0);
        return view.BaseDailyCost * WeekdayFactor[(int)date.DayOfWeek] * ramp;
    }

    public static double HourlyCost(CostView view, DateTime hourUtc) =>
        DailyCost(view, DateOnly.FromDateTime(hourUtc)) * HourWeight[hourUtc.Hour] / 240.0;

    /// <summary>Cost over [start, end): whole days sum daily costs, otherwise hours are summed.</summary>
    public static double Cost(CostView view, DateTime start, DateTime end, double scale)
    {
        var total = 0.0;
        var cursor = start;
        while (cursor < end)
        {
            if (cursor.TimeOfDay == TimeSpan.Zero && cursor.AddDays(1) <= end)
            {
                total += DailyCost(view, DateOnly.FromDateTime(cursor));
                cursor = cursor.AddDays(1);
            }
            else
            {
                total += HourlyCost(view, cursor);
                cursor = cursor.AddHours(1);
            }
        }

        return total * scale;
    }
}
