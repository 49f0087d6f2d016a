using Cloudthread.Client.Ingestion;
using Cloudthread.Client.Models;

namespace Cloudthread.Client.Tests.Ingestion;

internal static class IngestionTestData
{
    public const string Token = "test-token";
    public static readonly DateTime Start = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Point i: metric "m{i % metrics}", hour i, value i, one dimension.</summary>
    public static CustomDataPoint Point(int i, int metrics = 1) =>
        new(Start.AddHours(i), "m" + (i % metrics), i) { Dimensions = { ["region"] = "r" + (i % 3) } };

    public static CustomDataIngestion Create(FakeBatchSender sender, Action<CustomDataIngestOptions>? configure = null, TimestampFormat format = TimestampFormat.Rfc3339)
    {
        var options = new CustomDataIngestOptions { DataStreamToken = Token };
        configure?.Invoke(options);
        return new CustomDataIngestion(sender, options, format);
    }

    /// <summary>Values of the sent points, by call order then position: what arrived, in order.</summary>
    public static List<double> SentValues(FakeBatchSender sender, Func<SentBody, bool>? where = null) =>
        sender.Bodies.Where(b => !b.Failed && (where is null || where(b))).OrderBy(b => b.Call).SelectMany(b => b.Points).Select(p => p.MetricValue).ToList();

    /// <summary>Every request result the ingestion has reported so far, taken.</summary>
    public static List<CustomDataRequestResult> TakeResults(CustomDataIngestion ingestion)
    {
        var results = new List<CustomDataRequestResult>();
        while (ingestion.TryTakeRequestResult(out var result))
        {
            results.Add(result);
        }

        return results;
    }
}
