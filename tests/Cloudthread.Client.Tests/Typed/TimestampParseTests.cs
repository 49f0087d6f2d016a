using System.Globalization;

namespace Cloudthread.Client.Tests.Typed;

/// <summary>The shortcut for the two usual forms must read exactly what the general parsers read.</summary>
public sealed class TimestampParseTests
{
    [Fact]
    public void A_local_time_off_the_UTC_hour_is_shown_as_given_and_as_converted()
    {
        var kolkata = TimeZoneInfo.CreateCustomTimeZone("IST", TimeSpan.FromHours(5.5), "IST", "IST");
        var local = new DateTime(2026, 1, 5, 10, 0, 0, DateTimeKind.Local);

        var reason = CloudthreadTimestamp.CheckOnTheHour(local, kolkata, out var utc);

        Assert.Equal(new DateTime(2026, 1, 5, 4, 30, 0, DateTimeKind.Utc), utc);
        Assert.Equal(
            "2026-01-05 10:00:00 (local time, UTC+05:30) is 2026-01-05 04:30:00 UTC, which is not on the hour: local times are converted to UTC, and the API takes whole UTC hours",
            reason);
        Assert.Null(CloudthreadTimestamp.CheckOnTheHour(new DateTime(2026, 1, 5, 10, 30, 0, DateTimeKind.Local), kolkata, out _));
    }

    [Fact]
    public void A_time_with_an_offset_off_the_UTC_hour_says_it_was_converted()
    {
        Assert.False(CloudthreadTimestamp.TryConvert("2026-01-05T10:00:00+05:30", out _, out var kolkata));
        Assert.Equal(
            "2026-01-05 10:00:00 (UTC+05:30) is 2026-01-05 04:30:00 UTC, which is not on the hour: times with an offset are converted to UTC, and the API takes whole UTC hours",
            kolkata);
        Assert.False(CloudthreadTimestamp.TryConvert(new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.FromHours(-3.5)), out _, out var newfoundland));
        Assert.Contains("(UTC-03:30) is 2026-01-05 13:30:00 UTC", newfoundland);
        Assert.False(CloudthreadTimestamp.TryConvert("2026-01-05T10:30:00Z", out _, out var utc));
        Assert.Equal("10:30:00 (UTC) is not on the hour", utc);
        Assert.True(CloudthreadTimestamp.TryConvert("2026-01-05T10:00:00+05:00", out var converted, out var none));
        Assert.Equal(new DateTime(2026, 1, 5, 5, 0, 0, DateTimeKind.Utc), converted);
        Assert.Equal(string.Empty, none);
    }

    [Theory]
    [InlineData("2026-05-04T10:00:00Z")]
    [InlineData("2026-05-04 10:00:00")]
    [InlineData("2024-02-29T23:00:00Z")]
    [InlineData("2023-02-29T00:00:00Z")]
    [InlineData("2026-13-01 00:00:00")]
    [InlineData("2026-05-04T24:00:00Z")]
    [InlineData("2026-05-04T10:60:00Z")]
    [InlineData("2026-05-04T10:30:00Z")]
    [InlineData("2026-05-04 10:00:59")]
    [InlineData("0001-01-01 00:00:00")]
    [InlineData("9999-12-31T23:00:00Z")]
    [InlineData("2026-05-04X10:00:00Z")]
    [InlineData("  2026-05-04T10:00:00Z ")]
    public void The_usual_forms_read_as_the_general_parsers_read_them(string text)
    {
        var parsedByUs = CloudthreadTimestamp.TryParse(text, out var utc, out var reason);

        var s = text.Trim();
        DateTime expected;
        var parsed = s.Length == 19
            ? DateTime.TryParseExact(s, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out expected)
            : TryOffset(s, out expected);
        if (!parsed)
        {
            Assert.False(parsedByUs);
            Assert.Contains("is not a timestamp", reason, StringComparison.Ordinal);
            return;
        }

        if (expected.Ticks % TimeSpan.TicksPerHour != 0)
        {
            Assert.False(parsedByUs);
            Assert.Contains("is not on the hour", reason, StringComparison.Ordinal);
            return;
        }

        Assert.True(parsedByUs);
        Assert.Equal(string.Empty, reason);
        Assert.Equal(expected, utc);
        Assert.Equal(DateTimeKind.Utc, utc.Kind);
    }

    private static bool TryOffset(string s, out DateTime utc)
    {
        var ok = DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var dto);
        utc = ok ? dto.UtcDateTime : default;
        return ok;
    }
}
