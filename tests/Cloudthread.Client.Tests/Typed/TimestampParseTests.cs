using System.Globalization;

namespace Cloudthread.Client.Tests.Typed;

/// <summary>The shortcut for the two usual forms must read exactly what the general parsers read.</summary>
public sealed class TimestampParseTests
{
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
        var reason = CloudthreadTimestamp.Parse(text, out var utc);

        var s = text.Trim();
        DateTime expected;
        var parsed = s.Length == 19
            ? DateTime.TryParseExact(s, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out expected)
            : TryOffset(s, out expected);
        if (!parsed)
        {
            Assert.NotNull(reason);
            Assert.Contains("is not a timestamp", reason, StringComparison.Ordinal);
            return;
        }

        if (expected.Ticks % TimeSpan.TicksPerHour != 0)
        {
            Assert.NotNull(reason);
            Assert.Contains("is not on the hour", reason, StringComparison.Ordinal);
            return;
        }

        Assert.Null(reason);
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
