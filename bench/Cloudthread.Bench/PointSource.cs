using Cloudthread.Client.Models;

namespace Cloudthread.Bench;

/// <summary>
/// Deterministic points made on the fly (never held as a whole): point i is metric m(i % 10) at hour i / 10
/// from 2000-01-01, value i, with two dimensions, so every point is a distinct record.
/// </summary>
internal static class PointSource
{
    public static readonly DateTime Start = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly string[] Metrics = Enumerable.Range(0, 10).Select(i => "bench-m" + i).ToArray();
    private static readonly string[] Regions = { "us-east-1", "eu-west-1", "ap-south-1" };
    private static readonly string[] Teams = { "platform", "data", "web", "mobile" };

    public static CustomDataPoint Point(int i)
    {
        var point = new CustomDataPoint(Start.AddHours(i / 10), Metrics[i % 10], i);
        point.Dimensions["region"] = Regions[i % 3];
        point.Dimensions["team"] = Teams[i % 4];
        return point;
    }

    public static string Timestamp(int i) => Start.AddHours(i / 10).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

    public static string MetricName(int i) => Metrics[i % 10];

    public static string Region(int i) => Regions[i % 3];

    public static string Team(int i) => Teams[i % 4];

    /// <summary>The same points as CSV (what the pwsh part imports and what -Path reads).</summary>
    public static void WriteCsv(string path, int count)
    {
        using var writer = new StreamWriter(path);
        writer.WriteLine("Timestamp,MetricName,MetricValue,region,team");
        for (var i = 0; i < count; i++)
        {
            writer.Write(Timestamp(i));
            writer.Write(',');
            writer.Write(MetricName(i));
            writer.Write(',');
            writer.Write(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            writer.Write(',');
            writer.Write(Region(i));
            writer.Write(',');
            writer.WriteLine(Team(i));
        }
    }
}
