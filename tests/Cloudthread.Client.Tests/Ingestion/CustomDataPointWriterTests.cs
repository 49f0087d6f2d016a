using System.Buffers;
using System.Text;
using System.Text.Json;
using Cloudthread.Client.Ingestion;
using Cloudthread.Client.Models;

namespace Cloudthread.Client.Tests.Ingestion;

/// <summary>
/// The point writer copies plain text and whole numbers itself and hands every other value to Utf8JsonWriter: its
/// bytes must be the writer's, for every point.
/// </summary>
public sealed class CustomDataPointWriterTests
{
    private static readonly string[] Texts =
    [
        "", "a", "bench-m0", "us-east-1", "cost center", "a\"b", "back\\slash", "tab\there", "line\nbreak", "\u0001", "<b>&amp;</b>",
        "it's", "a+b", "`tick`", "café", "東京", "emoji \U0001F600", "lone \uD800 surrogate", "del\u007F", "~!#$%()*,-./:;=?@[]^_{|}",
        new string('x', 600),
    ];

    private static readonly double[] Numbers =
    [
        0, -0.0, 1, -1, 7, 42, 100, 12345, -98765, 0.5, -0.25, 1234.5, 0.1, 1e-7, 3.14159265358979, 999_999_999_999_999, -999_999_999_999_999,
        1e15, -1e15, 1e16, 123_456_789_012_345_678, double.MaxValue, double.MinValue, double.Epsilon, 2.5e-300, 1e300, long.MaxValue,
        4503599627370496.5, 9007199254740993,
    ];

    private static readonly DateTime Hour = new(2026, 1, 2, 3, 0, 0, DateTimeKind.Utc);

    public static IEnumerable<object[]> PlainTextCharacters() => Enumerable.Range(0, 256).Append(0x2028).Append(0xD800).Append(0xFFFF).Select(c => new object[] { c });

    [Theory]
    [MemberData(nameof(PlainTextCharacters))]
    public void A_character_is_plain_exactly_when_the_writer_leaves_it_as_it_is(int code)
    {
        var text = "a" + (char)code + "b";
        var written = Encoding.UTF8.GetString(WriteWithWriter(w => w.WriteStringValue(text)));

        Assert.Equal(written == "\"" + text + "\"", JsonPlainText.IsPlain((char)code));
    }

    [Theory]
    [InlineData(TimestampFormat.SpaceSeparated)]
    [InlineData(TimestampFormat.Rfc3339)]
    public void Every_point_is_written_as_the_json_writer_writes_it(TimestampFormat format)
    {
        var random = new Random(20261202);
        using var writer = new CustomDataPointWriter(format);
        var points = new List<CustomDataPoint>();
        foreach (var text in Texts)
        {
            points.Add(Point(text, 1, (text, text)));
        }

        foreach (var number in Numbers)
        {
            points.Add(Point("m", number));
        }

        for (var i = 0; i < 2000; i++)
        {
            var dimensions = Enumerable.Range(0, random.Next(4)).Select(d => ("k" + d + Texts[random.Next(Texts.Length)], Texts[random.Next(Texts.Length)])).ToArray();
            var point = Point(Texts[random.Next(Texts.Length)], RandomNumber(random), dimensions);
            // Runs of points in the same hour, then another hour (the writer reuses the opening within an hour).
            point.Timestamp = Hour.AddHours(random.Next(3) == 0 ? random.Next(-100_000, 100_000) : i / 7);
            points.Add(point);
        }

        foreach (var point in points)
        {
            var expected = Encoding.UTF8.GetString(WriteAsTheWriterDoes(point, format));
            var actual = Encoding.UTF8.GetString(writer.Write(point).ToArray());
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void A_point_after_one_the_writer_wrote_starts_afresh()
    {
        using var writer = new CustomDataPointWriter(TimestampFormat.Rfc3339);
        writer.Write(Point("needs \"escapes\"", 0.1, ("k", "é")));

        var json = Encoding.UTF8.GetString(writer.Write(Point("plain", 2)).ToArray());

        Assert.Equal("{\"timestamp\":\"2026-01-02T03:00:00Z\",\"metric_name\":\"plain\",\"metric_value\":2}", json);
    }

    private static double RandomNumber(Random random) => random.Next(6) switch
    {
        0 => random.Next(-1000, 1000),
        1 => Math.Round(random.NextDouble() * 10000, random.Next(5)),
        2 => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-10, 20)),
        3 => Math.Floor((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(1, 18))),
        4 => BitConverter.Int64BitsToDouble(random.NextInt64(0, 0x7FEFFFFFFFFFFFFF)) * (random.Next(2) == 0 ? 1 : -1),
        _ => Numbers[random.Next(Numbers.Length)],
    };

    private static CustomDataPoint Point(string name, double value, params (string Key, string Value)[] dimensions)
    {
        var point = new CustomDataPoint { Timestamp = Hour, MetricName = name, MetricValue = value };
        foreach (var (key, text) in dimensions)
        {
            point.Dimensions[key] = text;
        }

        return point;
    }

    // How the writer wrote a point before it copied values itself: the reference for every byte.
    private static byte[] WriteAsTheWriterDoes(CustomDataPoint point, TimestampFormat format) => WriteWithWriter(json =>
    {
        json.WriteStartObject();
        Span<byte> timestamp = stackalloc byte[20];
        var length = CustomDataPointWriter.FormatTimestamp(point.Timestamp, format, timestamp);
        json.WriteString("timestamp", timestamp[..length]);
        json.WriteString("metric_name", point.MetricName);
        json.WriteNumber("metric_value", point.MetricValue);
        if (point.Dimensions.Count > 0)
        {
            json.WriteStartObject("custom_dimensions");
            foreach (var pair in point.Dimensions)
            {
                json.WriteString(pair.Key, pair.Value);
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
    });

    private static byte[] WriteWithWriter(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            write(json);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
