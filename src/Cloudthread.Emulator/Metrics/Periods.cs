using System.Globalization;

namespace Cloudthread.Emulator.Metrics;

/// <summary>One row's period [Start, End) and its label (YYYYMMDD, or YYYYMMDDHH at hour granularity).</summary>
internal readonly record struct Period(DateTime Start, DateTime End, string Label);

/// <summary>Splits a date range into the rows of a granularity, and shifts them into the previous timeframe.</summary>
internal static class Periods
{
    public static List<Period> Split(MetricQuery query)
    {
        var rangeStart = query.Start.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var rangeEnd = query.End.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var result = new List<Period>();
        var cursor = rangeStart;
        while (cursor < rangeEnd)
        {
            var next = query.Granularity switch
            {
                "hour" => cursor.AddHours(1),
                "day" => cursor.AddDays(1),
                "week" => cursor.Date.AddDays(7 - (((int)cursor.DayOfWeek + 6) % 7)),
                "month" => new DateTime(cursor.Year, cursor.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1),
                "quarter" => new DateTime(cursor.Year, ((cursor.Month - 1) / 3 * 3) + 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(3),
                _ => new DateTime(cursor.Year + 1, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            };
            if (next > rangeEnd)
            {
                next = rangeEnd;
            }

            var label = cursor.ToString(query.Granularity == "hour" ? "yyyyMMddHH" : "yyyyMMdd", CultureInfo.InvariantCulture);
            result.Add(new Period(cursor, next, label));
            cursor = next;
        }

        return result;
    }

    /// <summary>The same period in the previous timeframe: the equal-length window just before the range.</summary>
    public static Period Previous(Period period, MetricQuery query)
    {
        var length = TimeSpan.FromDays(query.End.DayNumber - query.Start.DayNumber + 1);
        return period with { Start = period.Start - length, End = period.End - length };
    }
}
