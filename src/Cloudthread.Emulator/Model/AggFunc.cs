namespace Cloudthread.Emulator.Model;

/// <summary>The four aggregation functions of custom data, spelled exactly as the API wants them.</summary>
internal static class AggFunc
{
    public const string Sum = "Sum";
    public const string Average = "Average";
    public const string Maximum = "Maximum";
    public const string Minimum = "Minimum";

    public static readonly IReadOnlyList<string> All = [Sum, Average, Maximum, Minimum];

    public static bool IsValid(string value) => All.Contains(value, StringComparer.Ordinal);
}
