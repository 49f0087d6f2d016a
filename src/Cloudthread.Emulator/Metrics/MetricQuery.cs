using System.Globalization;
using Cloudthread.Emulator.Http;

namespace Cloudthread.Emulator.Metrics;

/// <summary>
/// The query of a metric fetch, validated: dates (end inclusive), granularity, and the cost
/// modifiers (cost type, amortization, exclusions) folded into one deterministic scale factor.
/// </summary>
internal sealed record MetricQuery(DateOnly Start, DateOnly End, string Granularity, double Scale)
{
    public const int MaxDays = 3660;
    public const int MaxHourDays = 93;

    public static readonly IReadOnlyList<string> Granularities = ["hour", "day", "week", "month", "quarter", "year"];

    // Name and column id of each cost type, with its effect on cost.
    private static readonly (string Name, int Column, double Factor)[] CostTypes =
    [
        ("Unblended", 1, 1.0), ("Blended", 2, 0.99), ("Amortized", 3, 1.02),
        ("NetUnblended", 4, 0.96), ("NetAmortized", 5, 0.97), ("Public", 6, 1.18),
    ];

    private static readonly Dictionary<string, double> Exclusions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Tax"] = 0.93, ["Refund"] = 1.02, ["Credit"] = 1.04, ["Support"] = 0.97, ["Fee"] = 0.99, ["Discount"] = 1.03,
    };

    public static MetricQuery Parse(ApiRequest request)
    {
        var v = new Validation();
        var start = v.ReadDate(request.Query("start_date"), "start_date", required: true);
        var end = v.ReadDate(request.Query("end_date"), "end_date", required: true);
        var granularity = request.Query("granularity");
        if (string.IsNullOrEmpty(granularity))
        {
            granularity = "day";
        }
        else if (!Granularities.Contains(granularity.ToLowerInvariant()))
        {
            v.Add("granularity", "must be one of " + string.Join(", ", Granularities));
        }

        granularity = granularity.ToLowerInvariant();
        var scale = CostTypeFactor(request.Query("cost_type"), v) * AmortizationFactor(request.Query("amortization"), v) *
            ExclusionFactor(request.Query("exclude"), v);
        if (start is { } s && end is { } e)
        {
            var days = e.DayNumber - s.DayNumber + 1;
            if (days < 1)
            {
                v.Add("start_date", "must not be after end_date");
            }
            else if (days > MaxDays)
            {
                v.Add("end_date", $"the range must be at most {MaxDays} days");
            }
            else if (granularity == "hour" && days > MaxHourDays)
            {
                v.Add("end_date", $"at hour granularity the range must be at most {MaxHourDays} days");
            }
            else if (s.Year < 1900)
            {
                v.Add("start_date", "must be in 1900 or later");
            }
            else if (e.Year > 9000)
            {
                v.Add("end_date", "must be in 9000 or earlier");
            }
        }

        v.ThrowIfAny();
        return new MetricQuery(start!.Value, end!.Value, granularity, scale);
    }

    private static double CostTypeFactor(string? value, Validation v)
    {
        if (string.IsNullOrEmpty(value))
        {
            return 1.0;
        }

        foreach (var (name, column, factor) in CostTypes)
        {
            if (string.Equals(name, value, StringComparison.OrdinalIgnoreCase) ||
                (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id == column))
            {
                return factor;
            }
        }

        v.Add("cost_type", "must be a cost type name (" + string.Join(", ", CostTypes.Select(c => c.Name)) +
            ") or its column id (1 to " + CostTypes.Length.ToString(CultureInfo.InvariantCulture) + ")");
        return 1.0;
    }

    private static double AmortizationFactor(string? value, Validation v)
    {
        if (string.IsNullOrEmpty(value))
        {
            return 1.0;
        }

        if (bool.TryParse(value, out var amortized))
        {
            return amortized ? 1.03 : 1.0;
        }

        v.Add("amortization", "must be true or false");
        return 1.0;
    }

    private static double ExclusionFactor(string? value, Validation v)
    {
        var factor = 1.0;
        if (string.IsNullOrEmpty(value))
        {
            return factor;
        }

        foreach (var item in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (Exclusions.TryGetValue(item, out var f))
            {
                factor *= f;
            }
            else
            {
                v.Add("exclude", $"unknown item '{item}'; known: " + string.Join(", ", Exclusions.Keys));
            }
        }

        return factor;
    }
}
