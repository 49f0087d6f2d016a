using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Cloudthread.Emulator.Http;

/// <summary>
/// Parses the timestamps CONTRACT.md accepts for ingest and events: RFC 3339 (offsets converted to
/// UTC), <c>yyyy-MM-dd HH:mm:ss</c> (UTC), <c>yyyyMMddHHmmss</c> (UTC) and epoch seconds (a JSON
/// number). Minutes, seconds and fractions must be zero.
/// </summary>
internal static class HourlyTimestamp
{
    public const string FormatsMessage =
        "must be a timestamp: RFC 3339 (2022-10-01T00:00:00Z), 'yyyy-MM-dd HH:mm:ss', 'yyyyMMddHHmmss' or epoch seconds (number)";

    public const string HourMessage = "must be on the hour: minutes, seconds and fractions must be zero (hourly granularity)";

    /// <summary>The last second of 9999 as epoch seconds: the latest a timestamp may be.</summary>
    internal const long MaxEpochSeconds = 253402297199;

    private static readonly string[] Rfc3339Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd' 'HH:mm:ssK", "yyyy-MM-dd' 'HH:mm:ss.FFFFFFFK",
    ];

    private static readonly string[] UtcFormats = ["yyyy-MM-dd HH:mm:ss", "yyyyMMddHHmmss"];

    /// <summary>Returns the UTC hour as epoch seconds, or adds a problem and returns null.</summary>
    public static long? Read(JsonElement value, string path, Validation validation)
    {
        if (TryRead(value, out var epochSeconds, out var problem))
        {
            return epochSeconds;
        }

        validation.Add(path, problem!);
        return null;
    }

    /// <summary>The UTC hour as epoch seconds, or false with what is wrong (so a caller names the field only when it is wrong).</summary>
    public static bool TryRead(JsonElement value, out long epochSeconds, out string? problem)
    {
        epochSeconds = 0;
        DateTimeOffset parsed;
        if (value.ValueKind == JsonValueKind.Number)
        {
            if (!value.TryGetInt64(out var seconds))
            {
                problem = value.TryGetDouble(out _) ? HourMessage : FormatsMessage;
                return false;
            }

            if (seconds < 0 || seconds > MaxEpochSeconds)
            {
                problem = "epoch seconds out of range (1970 to 9999)";
                return false;
            }

            parsed = DateTimeOffset.FromUnixTimeSeconds(seconds);
        }
        else if (value.ValueKind == JsonValueKind.String)
        {
            // The common exact form is read from the raw bytes: no string per ingested point.
            if (!TryParseUtcZ(JsonMarshal.GetRawUtf8Value(value), out parsed) && !TryParse(value.GetString()!, out parsed))
            {
                problem = FormatsMessage;
                return false;
            }
        }
        else
        {
            problem = FormatsMessage;
            return false;
        }

        var utc = parsed.UtcDateTime;
        if (utc.Ticks % TimeSpan.TicksPerHour != 0)
        {
            problem = HourMessage;
            return false;
        }

        problem = null;
        epochSeconds = new DateTimeOffset(utc, TimeSpan.Zero).ToUnixTimeSeconds();
        return true;
    }

    /// <summary>
    /// The UTC hour from the content of a JSON string without escapes, in the two forms clients write,
    /// <c>yyyy-MM-ddTHH:mm:ssZ</c> and <c>yyyy-MM-dd HH:mm:ss</c>; false for anything else, an hour with minutes or
    /// seconds included (<see cref="TryRead"/> then says what is wrong). Both read as <see cref="TryRead"/> reads them.
    /// </summary>
    internal static bool TryReadPlainHour(ReadOnlySpan<byte> utf8, out long epochSeconds)
    {
        epochSeconds = 0;
        DateTimeOffset parsed;
        if (utf8.Length == 19 && utf8[10] == (byte)' ')
        {
            // The space form has no zone and is UTC: it reads as the same text with Z.
            Span<byte> withZone = stackalloc byte[20];
            utf8.CopyTo(withZone);
            withZone[19] = (byte)'Z';
            if (!TryParseUtcZ((ReadOnlySpan<byte>)withZone, out parsed))
            {
                return false;
            }
        }
        else if (!TryParseUtcZ(utf8, out parsed))
        {
            return false;
        }

        if (parsed.Ticks % TimeSpan.TicksPerHour != 0)
        {
            return false;
        }

        epochSeconds = parsed.ToUnixTimeSeconds();
        return true;
    }

    public static string ToRfc3339(long epochSeconds) =>
        DateTimeOffset.FromUnixTimeSeconds(epochSeconds).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static bool TryParse(string text, out DateTimeOffset parsed)
    {
        // What clients send nearly always (2022-10-01T00:00:00Z), read without the culture-aware format parser,
        // which costs more than everything else an ingested point needs; anything else takes the general path.
        if (TryParseUtcZ(text, out parsed))
        {
            return true;
        }

        var trimmed = text.Trim();
        if (trimmed.Length != text.Length || text.Length == 0)
        {
            parsed = default;
            return false;
        }

        // An offset or Z is required for the RFC 3339 forms (K also matches nothing, so check it).
        var hasZone = trimmed.EndsWith('Z') || trimmed.EndsWith('z') ||
            (trimmed.Length > 6 && (trimmed[^6] == '+' || trimmed[^6] == '-') && trimmed[^3] == ':');
        if (hasZone && DateTimeOffset.TryParseExact(trimmed.Replace('z', 'Z'), Rfc3339Formats, CultureInfo.InvariantCulture,
                DateTimeStyles.None, out parsed))
        {
            return true;
        }

        if (DateTime.TryParseExact(trimmed, UtcFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var utc))
        {
            parsed = new DateTimeOffset(utc, TimeSpan.Zero);
            return true;
        }

        parsed = default;
        return false;
    }

    /// <summary>Exactly <c>yyyy-MM-ddTHH:mm:ssZ</c> (T or a space, Z or z): the formats above accept it and read it the same way.</summary>
    private static bool TryParseUtcZ(string text, out DateTimeOffset parsed) => TryParseUtcZ(text.AsSpan(), out parsed);

    /// <summary>The same, from a JSON string's raw UTF-8 (with or without its quotes; an escape makes it not match).</summary>
    internal static bool TryParseUtcZ(ReadOnlySpan<byte> rawJsonString, out DateTimeOffset parsed)
    {
        parsed = default;
        var raw = rawJsonString.Length == 22 && rawJsonString[0] == (byte)'"' && rawJsonString[21] == (byte)'"' ? rawJsonString.Slice(1, 20) : rawJsonString;
        if (raw.Length != 20)
        {
            return false;
        }

        Span<char> text = stackalloc char[20];
        for (var i = 0; i < 20; i++)
        {
            text[i] = (char)raw[i];
        }

        return TryParseUtcZ((ReadOnlySpan<char>)text, out parsed);
    }

    private static bool TryParseUtcZ(ReadOnlySpan<char> text, out DateTimeOffset parsed)
    {
        parsed = default;
        if (text.Length != 20 || text[4] != '-' || text[7] != '-' || (text[10] != 'T' && text[10] != ' ') ||
            text[13] != ':' || text[16] != ':' || (text[19] != 'Z' && text[19] != 'z'))
        {
            return false;
        }

        if (!TryDigits(text, 0, 4, out var year) || !TryDigits(text, 5, 2, out var month) || !TryDigits(text, 8, 2, out var day) ||
            !TryDigits(text, 11, 2, out var hour) || !TryDigits(text, 14, 2, out var minute) || !TryDigits(text, 17, 2, out var second))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        parsed = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> text, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var digit = text[i] - '0';
            if ((uint)digit > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }
}
