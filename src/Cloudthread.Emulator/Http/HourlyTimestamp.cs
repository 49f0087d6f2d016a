using System.Globalization;
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

    private static readonly string[] Rfc3339Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd' 'HH:mm:ssK", "yyyy-MM-dd' 'HH:mm:ss.FFFFFFFK",
    ];

    private static readonly string[] UtcFormats = ["yyyy-MM-dd HH:mm:ss", "yyyyMMddHHmmss"];

    /// <summary>Returns the UTC hour as epoch seconds, or adds a problem and returns null.</summary>
    public static long? Read(JsonElement value, string path, Validation validation)
    {
        DateTimeOffset parsed;
        if (value.ValueKind == JsonValueKind.Number)
        {
            if (!value.TryGetInt64(out var seconds))
            {
                validation.Add(path, value.TryGetDouble(out _) ? HourMessage : FormatsMessage);
                return null;
            }

            if (seconds < 0 || seconds > 253402297199)
            {
                validation.Add(path, "epoch seconds out of range (1970 to 9999)");
                return null;
            }

            parsed = DateTimeOffset.FromUnixTimeSeconds(seconds);
        }
        else if (value.ValueKind == JsonValueKind.String)
        {
            if (!TryParse(value.GetString()!, out parsed))
            {
                validation.Add(path, FormatsMessage);
                return null;
            }
        }
        else
        {
            validation.Add(path, FormatsMessage);
            return null;
        }

        var utc = parsed.UtcDateTime;
        if (utc.Ticks % TimeSpan.TicksPerHour != 0)
        {
            validation.Add(path, HourMessage);
            return null;
        }

        return new DateTimeOffset(utc, TimeSpan.Zero).ToUnixTimeSeconds();
    }

    public static string ToRfc3339(long epochSeconds) =>
        DateTimeOffset.FromUnixTimeSeconds(epochSeconds).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static bool TryParse(string text, out DateTimeOffset parsed)
    {
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
}
