using System;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace Cloudthread.Client
{
    /// <summary>
    /// The hourly timestamp rule shared by ingest and events (CONTRACT.md): accepted as RFC 3339,
    /// <c>yyyy-MM-dd HH:mm:ss</c> (UTC), <c>yyyyMMddHHmmss</c> (UTC) or epoch seconds; minutes, seconds and
    /// fractions must be zero; a local time is converted to UTC before the check.
    /// </summary>
    public static class CloudthreadTimestamp
    {
        private static readonly DateTime Epoch = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        /// <summary>Normalizes to UTC and checks the hour rule. Returns null when valid, else the reason.</summary>
        [MethodImpl(HotPath.CompileOptimized)]
        public static string? CheckOnTheHour(DateTime value, out DateTime utc) => CheckOnTheHour(value, TimeZoneInfo.Local, out utc);

        /// <summary>As <see cref="CheckOnTheHour(DateTime, out DateTime)"/>, with the zone local times are in (tests give one).</summary>
        [MethodImpl(HotPath.CompileOptimized)]
        internal static string? CheckOnTheHour(DateTime value, TimeZoneInfo localZone, out DateTime utc)
        {
            if (value.Kind == DateTimeKind.Local)
            {
                var offset = localZone.GetUtcOffset(value);
                utc = DateTime.SpecifyKind(value - offset, DateTimeKind.Utc);
                return OffTheHour(utc, value, offset, "local time, ", "local times");
            }

            utc = value.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(value, DateTimeKind.Utc) : value;
            return OffTheHour(utc, value, TimeSpan.Zero, null, null);
        }

        /// <summary>A time given with an offset (DateTimeOffset, or text such as 2026-01-05T10:00:00+05:30).</summary>
        private static string? CheckOnTheHour(DateTimeOffset value, out DateTime utc)
        {
            utc = value.UtcDateTime;
            return OffTheHour(utc, value.DateTime, value.Offset, string.Empty, "times with an offset");
        }

        /// <summary>
        /// Null when <paramref name="utc"/> is a whole hour. Otherwise the reason; a time given in another zone is shown
        /// as given and as converted, since the hour rule applies to the converted value (a +05:30 hour is never a UTC hour).
        /// </summary>
        [MethodImpl(HotPath.CompileOptimized)]
        private static string? OffTheHour(DateTime utc, DateTime given, TimeSpan offset, string? zoneLabel, string? converted)
        {
            if (utc.Ticks % TimeSpan.TicksPerHour == 0)
            {
                return null;
            }

            if (zoneLabel is null || offset == TimeSpan.Zero)
            {
                return utc.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture).TrimEnd('.') + " (UTC) is not on the hour";
            }

            return Show(given) + " (" + zoneLabel + "UTC" + (offset < TimeSpan.Zero ? "-" : "+") + offset.ToString("hh\\:mm", CultureInfo.InvariantCulture) +
                ") is " + Show(utc) + " UTC, which is not on the hour: " + converted + " are converted to UTC, and the API takes whole UTC hours";
        }

        private static string Show(DateTime value) => value.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture).TrimEnd('.');

        /// <summary>
        /// Converts what a user or a CSV cell gives (DateTime, DateTimeOffset, string in any accepted form,
        /// or epoch seconds as a number) to a UTC DateTime. False when it cannot, with the reason (empty on success).
        /// </summary>
        [MethodImpl(HotPath.CompileOptimized)]
        public static bool TryConvert(object? value, out DateTime utc, out string reason)
        {
            reason = ProblemConverting(value, out utc) ?? string.Empty;
            return reason.Length == 0;
        }

        /// <summary>Parses a string in one of the accepted forms (see type remarks). False when it cannot, with the reason (empty on success).</summary>
        public static bool TryParse(string text, out DateTime utc, out string reason)
        {
            reason = ProblemParsing(text, out utc) ?? string.Empty;
            return reason.Length == 0;
        }

        /// <summary>Why <paramref name="value"/> is not a timestamp on the hour, or null when it is one.</summary>
        [MethodImpl(HotPath.CompileOptimized)]
        private static string? ProblemConverting(object? value, out DateTime utc)
        {
            utc = default;
            switch (value)
            {
                case null:
                    return "is required";
                case DateTime dt:
                    return CheckOnTheHour(dt, out utc);
                case DateTimeOffset dto:
                    return CheckOnTheHour(dto, out utc);
                case long or int or short or ulong or uint or ushort:
                    return FromEpoch(Convert.ToDouble(value, CultureInfo.InvariantCulture), out utc);
                case double d:
                    return FromEpoch(d, out utc);
                case float f:
                    return FromEpoch(f, out utc);
                case decimal m:
                    return FromEpoch((double)m, out utc);
                case string s:
                    return ProblemParsing(s, out utc);
                default:
                    return ProblemParsing(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty, out utc);
            }
        }

        /// <summary>Why <paramref name="text"/> is not an accepted timestamp on the hour, or null when it is one.</summary>
        [MethodImpl(HotPath.CompileOptimized)]
        private static string? ProblemParsing(string text, out DateTime utc)
        {
            utc = default;
            var s = text.Trim();
            if (s.Length == 0)
            {
                return "is empty";
            }

            // The two forms Cloudthread writes (and CSV exports carry), read without the general date parsers,
            // which cost more than everything else a row needs; anything else takes the paths below.
            if (TryParseUtc(s, out var exact))
            {
                return CheckOnTheHour(exact, out utc);
            }

            if (s.Length == 14 && IsDigits(s) &&
                DateTime.TryParseExact(s, "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var compact))
            {
                return CheckOnTheHour(DateTime.SpecifyKind(compact, DateTimeKind.Utc), out utc);
            }

            if (IsDigits(s.TrimStart('-')) && double.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var epoch))
            {
                return FromEpoch(epoch, out utc);
            }

            if (DateTime.TryParseExact(s, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var spaced))
            {
                return CheckOnTheHour(DateTime.SpecifyKind(spaced, DateTimeKind.Utc), out utc);
            }

            // RFC 3339 / ISO 8601 with an offset or Z; without one, UTC is assumed (as the server does).
            if (DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var dto))
            {
                return CheckOnTheHour(dto, out utc);
            }

            return "'" + Truncate(s) + "' is not a timestamp (use RFC 3339, 'yyyy-MM-dd HH:mm:ss', yyyyMMddHHmmss or epoch seconds)";
        }

        /// <summary>Writes a UTC, on-the-hour timestamp in the wire format chosen by the connection.</summary>
        public static string Format(DateTime utc, TimestampFormat format) => format == TimestampFormat.SpaceSeparated
            ? utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
            : utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        private static string? FromEpoch(double seconds, out DateTime utc)
        {
            utc = default;
            if (double.IsNaN(seconds) || double.IsInfinity(seconds) || seconds < -62135596800d || seconds > 253402300799d)
            {
                return seconds.ToString(CultureInfo.InvariantCulture) + " is not a valid epoch time";
            }

            return CheckOnTheHour(Epoch.AddTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond)), out utc);
        }

        /// <summary>
        /// Exactly <c>yyyy-MM-ddTHH:mm:ssZ</c> or <c>yyyy-MM-dd HH:mm:ss</c> (both UTC), a real date and time; read as
        /// <see cref="DateTimeOffset.TryParse(string, IFormatProvider, DateTimeStyles, out DateTimeOffset)"/> and the
        /// exact format below would read them.
        /// </summary>
        [MethodImpl(HotPath.CompileOptimized)]
        private static bool TryParseUtc(string s, out DateTime utc)
        {
            utc = default;
            var rfc3339 = s.Length == 20 && s[10] == 'T' && s[19] == 'Z';
            var spaced = s.Length == 19 && s[10] == ' ';
            if ((!rfc3339 && !spaced) || s[4] != '-' || s[7] != '-' || s[13] != ':' || s[16] != ':')
            {
                return false;
            }

            if (!TryDigits(s, 0, 4, out var year) || !TryDigits(s, 5, 2, out var month) || !TryDigits(s, 8, 2, out var day) ||
                !TryDigits(s, 11, 2, out var hour) || !TryDigits(s, 14, 2, out var minute) || !TryDigits(s, 17, 2, out var second))
            {
                return false;
            }

            if (year < 1 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
            {
                return false;
            }

            utc = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc);
            return true;
        }

        private static bool TryDigits(string s, int start, int count, out int value)
        {
            value = 0;
            for (var i = start; i < start + count; i++)
            {
                var digit = s[i] - '0';
                if (digit < 0 || digit > 9)
                {
                    return false;
                }

                value = (value * 10) + digit;
            }

            return true;
        }

        [MethodImpl(HotPath.CompileOptimized)]
        private static bool IsDigits(string s)
        {
            if (s.Length == 0)
            {
                return false;
            }

            foreach (var c in s)
            {
                if (c < '0' || c > '9')
                {
                    return false;
                }
            }

            return true;
        }

        private static string Truncate(string s) => s.Length <= 40 ? s : s.Substring(0, 40) + "...";
    }
}
