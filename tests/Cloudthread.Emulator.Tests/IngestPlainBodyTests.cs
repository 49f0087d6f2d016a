using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Cloudthread.Emulator.Endpoints;
using Cloudthread.Emulator.Http;
using Cloudthread.Emulator.Model;

namespace Cloudthread.Emulator.Tests;

/// <summary>
/// Ingest reads a plain body straight from its bytes (<see cref="PlainIngestBodyReader"/>) and leaves every other
/// body to the parsed-document path, which says what is wrong with it. The shortcut must never accept a body that
/// path rejects, and must read what it accepts into the same records: both run here on the same bytes, for
/// hand-picked bodies, generated ones (valid and invalid values of every field) and byte-mutated ones.
/// </summary>
public sealed class IngestPlainBodyTests
{
    private const string Token = "\"ct-demo-stream-token\"";

    public static TheoryData<string> PlainBodies => new()
    {
        // What the benchmark and Send-CtCustomData send (either timestamp form), and what IngestTests send.
        BenchBody(0, 40),
        BenchBody(7, 1000),
        "{\"data_stream_token\":\"ct-demo-stream-token\",\"metric_agg_func\":\"Average\",\"data\":[{\"timestamp\":\"2026-05-04 10:00:00\",\"metric_name\":\"m\",\"metric_value\":-2.5E+3,\"custom_dimensions\":{\"b\":\"2\",\"a\":\"1\"}}]}",
        "{\"data_stream_token\":\"ct-demo-stream-token\",\"metric_agg_func\":\"Maximum\",\"data\":[{\"timestamp\":1777888800,\"metric_name\":\"Zürich ✓ 東京 😀\",\"metric_value\":0,\"custom_dimensions\":{}}]}",
        "{\"data_stream_token\":\"tok\",\"metric_agg_func\":\"Minimum\",\"data\":[{\"metric_value\":1e-400,\"custom_dimensions\":{\"ü\":\"\u0085 \u007f\"},\"metric_name\":\"a b\",\"timestamp\":\"2024-02-29T23:00:00z\"}]}",
        " \r\n\t{ \"data_stream_token\" : \"ct-demo-stream-token\" , \"metric_agg_func\":\"Sum\",\"data\":[ {\"timestamp\":\"0001-01-01T00:00:00Z\",\"metric_name\":\"x\",\"metric_value\":-0} , {\"timestamp\":\"9999-12-31 23:00:00\",\"metric_name\":\"x\",\"metric_value\":1.7976931348623157e308} ] } \n",
        "{\"data_stream_token\":\"ct-demo-stream-token\",\"metric_agg_func\":\"Sum\",\"data\":[{\"timestamp\":\"2026-05-06T00:00:00Z\",\"metric_name\":\"dims\",\"metric_value\":1,\"custom_dimensions\":{"
            + string.Join(",", Enumerable.Range(0, 10).Select(i => $"\"k{i}\":\"v\"")) + "}}]}",
        "{\"data_stream_token\":\"ct-demo-stream-token\",\"metric_agg_func\":\"Sum\",\"data\":["
            + string.Join(",", Enumerable.Range(0, 700).Select(i => $"{{\"timestamp\":{1777888800 + (i * 3600)},\"metric_name\":\"distinct-{i}-{new string('n', i % 300)}\",\"metric_value\":{i},\"custom_dimensions\":{{\"k{i % 37}\":\"v{i % 41}\",\"same\":\"{new string('s', 257)}\"}}}}"))
            + "]}",
    };

    public static TheoryData<string> OtherBodies => new()
    {
        "{\"data_stream_token\":\"ct-demo-stream-token\",\"metric_agg_func\":\"Sum\",\"extra_field\":true,\"data\":[{\"timestamp\":\"2026-05-05T00:00:00Z\",\"metric_name\":\"a\",\"metric_value\":1}]}",
        "{\"data\":[{\"timestamp\":\"2026-05-05T00:00:00Z\",\"metric_name\":\"a\",\"metric_value\":1}],\"data_stream_token\":\"ct-demo-stream-token\",\"metric_agg_func\":\"Sum\"}",
        "{\"data_stream_token\":\"ct-demo-stream-token\",\"metric_agg_func\":\"Sum\",\"data\":[{\"timestamp\":\"2026-05-04T12:00:00+02:00\",\"metric_name\":\"a\",\"metric_value\":1,\"custom_dimensions\":null}]}",
        "{\"data_stream_token\":\"ct-demo-stream-token\",\"metric_agg_func\":\"Sum\",\"data\":[{\"timestamp\":\"20260504100000\",\"metric_name\":\"\\u0061\",\"metric_value\":1}]}",
        "{\"data_stream_token\":\"ct-demo-stream-token\",\"metric_agg_func\":\"Sum\",\"data\":[{\"timestamp\":\"2026-05-04T10:00:00.000Z\",\"metric_name\":\"a\",\"metric_value\":1}]}",
        "{\"data_stream_token\":\"ct-demo-stream-token\",\"metric_agg_func\":\"Sum\",\"data_stream_token\":\"ct-demo-stream-token-2\",\"data\":[{\"timestamp\":\"2026-05-04T10:00:00Z\",\"metric_name\":\"a\",\"metric_value\":1}]}",
        "{\"data_stream_token\":\"ct-demo-stream-token\",\"metric_agg_func\":\"Sum\",\"data\":[{\"timestamp\":\"2026-05-04T10:00:00Z\",\"metric_name\":\"a\",\"metric_value\":1,\"metric_value\":2}]}",
        "{\"data_stream_token\":\"ct-demo-stream-token\",\"metric_agg_func\":\"Sum\",\"data\":[{\"timestamp\":\"2026-05-04T10:00:00Z\",\"metric_name\":\"a\",\"metric_value\":1,\"custom_dimensions\":{\"k\":\"1\",\"k\":\"2\"}}]}",
        "{\"data_stream_token\":\"ct-demo-stream-token\",\"metric_agg_func\":\"Sum\",\"data\":[{\"timestamp\":\"2026-05-06T00:00:00Z\",\"metric_name\":\"dims\",\"metric_value\":1,\"custom_dimensions\":{"
            + string.Join(",", Enumerable.Range(0, 11).Select(i => $"\"k{i}\":\"v\"")) + "}}]}",
        "{\"data_stream_token\":\"ct-demo-stream-token\",\"metric_agg_func\":\"Sum\",\"data\":[{\"timestamp\":\"2026-05-04T10:30:00Z\",\"metric_name\":\"a\",\"metric_value\":1}]}",
        "{\"data_stream_token\":\"ct-demo-stream-token\",\"metric_agg_func\":\"Sum\",\"data\":[{\"timestamp\":\"2026-05-04T10:00:00Z\",\"metric_name\":\"a\u007f\",\"metric_value\":1}]}",
        "{\"data_stream_token\":\"ct-demo-stream-token\",\"metric_agg_func\":\"Sum\",\"data\":[{\"timestamp\":\"2026-05-04T10:00:00Z\",\"metric_name\":\"\u00a0\u3000\",\"metric_value\":1}]}",
        "{\"data_stream_token\":\"ct-demo-stream-token\",\"metric_agg_func\":\"Sum\",\"data\":[{\"timestamp\":\"2026-05-04T10:00:00Z\",\"metric_name\":\"a\",\"metric_value\":1e400}]}",
        "{\"data_stream_token\":\"ct-demo-stream-token\",\"metric_agg_func\":\"Sum\",\"data\":[{\"timestamp\":\"2026-05-04T10:00:00Z\",\"metric_name\":\"a\",\"metric_value\":1}]} x",
        "{\"data_stream_token\":\"ct-demo-stream-token\",\"metric_agg_func\":\"Sum\",\"data\":[{\"timestamp\":\"2026-05-04T10:00:00Z\",\"metric_name\":\"a\",\"metric_value\":1},]}",
        "{\"data_stream_token\":\"ct-demo-stream-token\",\"metric_agg_func\":\"Sum\",\"data\":[]}",
        "{\"data_stream_token\":\"ct-demo-stream-token\",\"metric_agg_func\":\"Sum\",\"data\":[{\"timestamp\":\"2026-05-04T10:00:00Z\",\"metric_name\":\"\\ud800\",\"metric_value\":1}]}",
        "{\"data_stream_token\":\" \",\"metric_agg_func\":\"sum\",\"data\":[{\"timestamp\":\"2026-05-04T10:00:00Z\",\"metric_name\":\"a\",\"metric_value\":1}]}",
        "{\"data_stream_token\":\"ct-demo-stream-token\",\"metric_agg_func\":\"Sum\",\"data\":[{\"timestamp\":\"2026-05-04T10:00:00Z\",\"metric_name\":\"a\",\"metric_value\":1}] /* no */}",
        string.Empty,
        " ",
        "[]",
        "null",
    };

    [Theory]
    [MemberData(nameof(PlainBodies))]
    public void Plain_bodies_take_the_shortcut_and_read_as_the_document_path_reads_them(string json)
    {
        Assert.Equal(Outcome.Same, Compare(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void A_BOM_before_a_plain_body_is_skipped_on_both_paths()
    {
        Assert.Equal(Outcome.Same, Compare([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(BenchBody(3, 5))]));
    }

    [Theory]
    [MemberData(nameof(OtherBodies))]
    public void Other_bodies_are_left_to_the_document_path(string json)
    {
        Assert.NotEqual(Outcome.Same, Compare(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void Generated_bodies_are_accepted_only_as_the_document_path_accepts_them()
    {
        var random = new Random(20260504);
        var counts = new Dictionary<Outcome, int>();
        for (var i = 0; i < 4000; i++)
        {
            var outcome = Compare(GeneratedBody(random));
            counts[outcome] = counts.GetValueOrDefault(outcome) + 1;
        }

        // Enough of each kind that the comparison means something: bodies read both ways, and bodies declined
        // both when the document path stores them and when it rejects them.
        Assert.True(counts.GetValueOrDefault(Outcome.Same) > 800, string.Join(", ", counts));
        Assert.True(counts.GetValueOrDefault(Outcome.Declined) > 250, string.Join(", ", counts));
        Assert.True(counts.GetValueOrDefault(Outcome.DeclinedAndRejected) > 1200, string.Join(", ", counts));
    }

    [Fact]
    public void Byte_mutated_bodies_are_accepted_only_as_the_document_path_accepts_them()
    {
        var random = new Random(7);
        var alphabet = "{}[]:,\"\\ 0123456789.eE+-aZTz\t\n\u007f"u8.ToArray().Concat(new byte[] { 0xFF, 0xC2, 0x80, 0xA0 }).ToArray();
        var bases = new[] { BenchBody(0, 3), BenchBody(1, 2).Replace('T', ' ').Replace("Z\"", "\"", StringComparison.Ordinal), BenchBody(5, 4).Replace("\"ct-demo-stream-token\"", "\"tök😀\"", StringComparison.Ordinal) };
        var same = 0;
        for (var i = 0; i < 3000; i++)
        {
            var bytes = Encoding.UTF8.GetBytes(bases[i % bases.Length]).ToList();
            for (var edits = random.Next(1, 4); edits > 0; edits--)
            {
                var at = random.Next(bytes.Count);
                switch (random.Next(3))
                {
                    case 0: bytes[at] = alphabet[random.Next(alphabet.Length)]; break;
                    case 1: bytes.RemoveAt(at); break;
                    default: bytes.Insert(at, alphabet[random.Next(alphabet.Length)]); break;
                }
            }

            if (Compare([.. bytes]) == Outcome.Same)
            {
                same++;
            }
        }

        // Many edits keep the body plain and valid (a digit for a digit): those are compared record by record.
        Assert.True(same > 200, $"{same} mutated bodies read both ways");
    }

    [Fact]
    public async Task Body_bytes_are_read_as_the_document_read_the_stream()
    {
        var json = Encoding.UTF8.GetBytes(BenchBody(2, 30));
        var bodies = new List<(byte[] Bytes, bool Gzip)>
        {
            (json, false), ([0xEF, 0xBB, 0xBF, .. json], false), ([0xEF, 0xBB, 0xBF], false), ([0xEF, 0xBB], false), ([], false), (" \n\t"u8.ToArray(), false),
            ("{\n \"data\": [1,\n  2,,]}"u8.ToArray(), false), ([.. " \n "u8, 0xEF, 0xBB, 0xBF, .. "{}"u8], false), ("{} {}"u8.ToArray(), false),
            (json, true), ([0xEF, 0xBB, 0xBF, .. json], true), (Encoding.UTF8.GetBytes("[\"" + new string('a', 200_000) + "\"]"), true),
        };

        foreach (var (bytes, gzip) in bodies)
        {
            foreach (var limit in new long[] { 1 << 20, 4096, 100 })
            {
                var compressed = gzip ? Gzip(bytes) : bytes;
                Assert.Equal(await ReadAsDocumentDidAsync(compressed, gzip, limit), await ReadAsNowAsync(compressed, gzip, limit));
            }
        }

        // Corrupt data met before or after inflating past the limit: which error wins may depend on how much each read asks for.
        var random = new Random(11);
        var letters = Encoding.ASCII.GetBytes("[\"" + new string([.. Enumerable.Range(0, 300_000).Select(_ => (char)('a' + random.Next(16)))]) + "\"]");
        foreach (var at in new[] { 0.05, 0.1, 0.3, 0.6, 0.99 })
        {
            var corrupt = Gzip(letters);
            corrupt[(int)(corrupt.Length * at)] ^= 0x55;
            foreach (var limit in new long[] { 8192, 20_000, 40_000, 70_000, 150_000, 1 << 20 })
            {
                Assert.Equal(await ReadAsDocumentDidAsync(corrupt, true, limit), await ReadAsNowAsync(corrupt, true, limit));
            }
        }
    }

    private enum Outcome
    {
        /// <summary>Both paths stored the same records.</summary>
        Same,

        /// <summary>The shortcut declined a body the document path stores.</summary>
        Declined,

        /// <summary>The shortcut declined a body the document path rejects.</summary>
        DeclinedAndRejected,
    }

    /// <summary>Runs both paths on one body as the pipeline does; fails when the shortcut accepts what the document path does not read the same.</summary>
    private static Outcome Compare(byte[] bytes)
    {
        using var body = RequestBody.ReadAsync(new LimitedReadStream(new MemoryStream(bytes), long.MaxValue), bytes.Length, default).GetAwaiter().GetResult();
        var records = new List<CustomDataRecord>();
        var accepted = PlainIngestBodyReader.TryRead(body.Utf8.Span, records, out var token);

        string? expectedToken = null;
        List<CustomDataRecord>? expected = null;
        string? rejection = null;
        try
        {
            using var document = RequestBodyReader.ParseJson(body);
            var parsed = new ApiRequest(null!, new Dictionary<string, string>(), document?.RootElement).RequiredBody;
            (expectedToken, expected) = IngestEndpoint.ReadBody(parsed);
        }
        catch (ApiException error)
        {
            rejection = $"{error.Status} {error.Message}";
        }

        var text = Encoding.UTF8.GetString(bytes);
        if (!accepted)
        {
            Assert.Null(token);
            return rejection is null ? Outcome.Declined : Outcome.DeclinedAndRejected;
        }

        Assert.True(rejection is null, $"The shortcut accepted a body the document path rejects ({rejection}): {text}");
        Assert.Equal(expectedToken, token);
        Assert.Equal(expected!.Count, records.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(Describe(expected[i]), Describe(records[i]));
            Assert.Equal(expected[i].Key, records[i].Key);
            Assert.Equal(expected[i].Key.GetHashCode(), records[i].Key.GetHashCode());
            Assert.Equal(expected[i].DimensionSet, records[i].DimensionSet);
        }

        return Outcome.Same;
    }

    private static string Describe(CustomDataRecord record) =>
        string.Join(" | ", record.Token, record.MetricName, record.AggFunc,
            JsonSerializer.Serialize(record.Dimensions.Select(p => new[] { p.Key, p.Value })), record.DimensionsKey,
            record.EpochSeconds.ToString(CultureInfo.InvariantCulture), BitConverter.DoubleToInt64Bits(record.Value).ToString(CultureInfo.InvariantCulture));

    private static string BenchBody(int batch, int points)
    {
        // The points of bench/Measure-EmulatorIngest.ps1.
        var origin = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        string[] regions = ["us-east-1", "eu-west-1", "ap-south-1"];
        string[] teams = ["payments", "search", "platform", "growth"];
        var text = new StringBuilder("{\"data_stream_token\":\"ct-demo-stream-token\",\"metric_agg_func\":\"Sum\",\"data\":[");
        for (var j = 0; j < points; j++)
        {
            var i = (batch * points) + j;
            text.Append(j == 0 ? string.Empty : ",")
                .Append(CultureInfo.InvariantCulture, $"{{\"timestamp\":\"{origin.AddHours(i / 10):yyyy-MM-dd'T'HH:mm:ss'Z'}\",\"metric_name\":\"bench-m{i % 10}\",\"metric_value\":{i},")
                .Append(CultureInfo.InvariantCulture, $"\"custom_dimensions\":{{\"region\":\"{regions[i % 3]}\",\"team\":\"{teams[i % 4]}\"}}}}");
        }

        return text.Append("]}").ToString();
    }

    /// <summary>A body of mostly valid fields in the forms clients write, each field sometimes odd, invalid, doubled or missing.</summary>
    private static byte[] GeneratedBody(Random random)
    {
        string Ws() => random.Next(8) == 0 ? new[] { " ", "\n", "\t ", "\r\n  " }[random.Next(4)] : string.Empty;
        string Pick(string[] usual, string[] unusual, int unusualIn40 = 1) => random.Next(40) < unusualIn40 ? unusual[random.Next(unusual.Length)] : usual[random.Next(usual.Length)];
        string Field(string name, string value) => $"{Ws()}\"{name}\"{Ws()}:{Ws()}{value}{Ws()}";
        string Object(List<string> fields) => "{" + string.Join(",", fields) + "}";

        string Timestamp()
        {
            if (random.Next(10) < 8)
            {
                var at = new DateTime(1, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddHours(random.NextInt64(87_649_000));
                at = random.Next(80) == 0 ? at.AddMinutes(random.Next(1, 60)) : random.Next(80) == 0 ? at.AddSeconds(random.Next(1, 60)) : at;
                return random.Next(5) switch
                {
                    0 => "\"" + at.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "\"",
                    1 when at.Year >= 1970 => ((long)(at - DateTime.UnixEpoch).TotalSeconds).ToString(CultureInfo.InvariantCulture),
                    2 => "\"" + at.ToString("yyyy-MM-dd HH:mm:ss'z'", CultureInfo.InvariantCulture) + "\"",
                    _ => "\"" + at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) + "\"",
                };
            }

            return Pick(
                ["\"2026-05-04T10:00:00Z\"", "\"2026-05-04 10:00:00\"", "1777888800", "\"9999-12-31T23:00:00Z\"", "253402293600", "0"],
                [
                    "\"2026-05-04T10:30:00Z\"", "\"2026-05-04 10:00:01\"", "\"2026-05-04T10:00:00\"", "\"2026-05-04T10:00:00+00:00\"", "\"2026-05-04T12:00:00+02:00\"",
                    "\"2026-05-04T10:00:00.000Z\"", "\"20260504100000\"", "1777888801", "1777888800.0", "1.7778888E9", "-3600", "253402297199", "253402297200",
                    "\"2023-02-29T00:00:00Z\"", "\"2026-04-31 00:00:00\"", "\"0000-01-01T00:00:00Z\"", "\"2026-05-04T24:00:00Z\"", "\"2026-05-04 24:00:00\"",
                    "\" 2026-05-04 10:00:00\"", "\"2026-05-04 10:00:00 \"", "\"2026-05-04\\u0020 10:00:00\"", "\"2026-05-04T10:00:00\\u005A\"", "true", "null", "{}", "\"\"",
                    "\"\uff12026-05-04T10:00:00Z\"", "\"2026-05-04t10:00:00Z\"", "\"2026-5-04 10:00:00\"", "\"2026-05-04 10:00:00Zz\"", "99999999999999999999",
                ],
                20);
        }

        string Name() => Pick(
            ["\"orders\"", "\"bench-m1\"", "\"bench-m2\"", "\"Zürich ✓ 東京\"", "\"emoji😀\"", "\"a b\"", "\"" + new string('m', 300) + "\""],
            ["\"\"", "\" \"", "\"\\t\"", "\"\\u0061\"", "\"a\u007fb\"", "\"a\u0085b\"", "\"\u00a0\"", "\"\u2028\"", "5", "null", "[]", "\"\\ud800\"", "\"\\ud83d\\ude00\"", "\"a\\/b\""]);

        string Number() => Pick(
            ["1", "12.5", "-0", "0", "1e-400", "1.7976931348623157e308", "123456789012345678901234567890", "-2.5E+3", "0.1"],
            ["1e400", "-1e400", "\"3.5\"", "null", "true", "{}", "[1]", "01", "1.", ".5", "+1", "NaN", "-"]);

        string Dimensions()
        {
            if (random.Next(30) == 0)
            {
                return new[] { "null", "[]", "\"x\"", "{}", "[[\"a\",\"b\"]]" }[random.Next(5)];
            }

            var pairs = new List<string>();
            for (var n = random.Next(random.Next(8) == 0 ? 13 : 4); n > 0; n--)
            {
                var key = random.Next(3) != 0 ? "d" + random.Next(200).ToString(CultureInfo.InvariantCulture) : Pick(["region", "team", "Region", "k", "é", "a b", new string('k', 260)], ["", " ", "\\u0001", "k\\u0041", "\u00a0", "a\u007f", "\u0085", "\\ud800"]);
                var value = Pick(
                    ["\"us-east-1\"", "\"payments\"", "\"\"", "\" \"", "\"\u0085\u007f\"", "\"😀\"", "\"" + new string('v', 270) + "\""],
                    ["5", "null", "{}", "[]", "\"tab\\there\"", "\"\\u0041\"", "\"\\udc00\""]);
                pairs.Add(Field(key, value));
            }

            return Object(pairs);
        }

        string Point()
        {
            if (random.Next(80) == 0)
            {
                return new[] { "\"not an object\"", "null", "[]", "5" }[random.Next(4)];
            }

            var fields = new List<string>();
            foreach (var (name, value) in new (string, Func<string>)[] { ("timestamp", Timestamp), ("metric_name", Name), ("metric_value", Number), ("custom_dimensions", Dimensions) })
            {
                if (random.Next(80) != 0 && (name != "custom_dimensions" || random.Next(4) != 0))
                {
                    fields.Add(Field(name, value()));
                }

                if (random.Next(100) == 0)
                {
                    fields.Add(Field(name, value()));
                }
            }

            if (random.Next(50) == 0)
            {
                fields.Add(Field(new[] { "extra", "Timestamp", "metric_name ", "metric\\u005fname" }[random.Next(4)], "1"));
            }

            if (random.Next(10) == 0)
            {
                fields.Reverse();
            }

            return Object(fields);
        }

        var top = new List<string>();
        if (random.Next(40) != 0)
        {
            top.Add(Field("data_stream_token", Pick([Token, "\"ct-demo-stream-token-2\"", "\"unknown-token\"", "\"tök😀\""], ["\"\"", "\"  \"", "\"\\u0041bc\"", "5", "null", "\"\\ud800\"", "[]", "\"\u3000\""], 1)));
        }

        if (random.Next(40) != 0)
        {
            top.Add(Field("metric_agg_func", Pick(["\"Sum\"", "\"Average\"", "\"Maximum\"", "\"Minimum\""], ["\"sum\"", "\"Sum \"", "\"\\u0053um\"", "1", "null", "\"\"", "\"Summ\""], 1)));
        }

        if (random.Next(40) != 0)
        {
            var count = random.Next(60) == 0 ? 0 : random.Next(1, 5);
            var data = random.Next(60) == 0 ? new[] { "null", "{}", "\"x\"" }[random.Next(3)] : "[" + string.Join(",", Enumerable.Range(0, count).Select(_ => Point())) + "]";
            top.Add(Field("data", data));
        }

        if (random.Next(40) == 0)
        {
            top.Add(Field("extra_field", "true"));
        }

        if (random.Next(15) == 0)
        {
            top.Reverse();
        }

        var json = Ws() + Object(top) + (random.Next(30) == 0 ? new[] { " ", "\n", "x", "{}", ",", "]" }[random.Next(6)] : Ws());
        var bytes = Encoding.UTF8.GetBytes(json);
        if (random.Next(40) == 0)
        {
            // Not UTF-8: inside a string, or anywhere.
            bytes[random.Next(bytes.Length)] = 0xFF;
        }

        return bytes;
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(bytes);
        }

        return buffer.ToArray();
    }

    private static Stream Source(byte[] bytes, bool gzip) =>
        gzip ? new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress) : new MemoryStream(bytes);

    /// <summary>What the body reader did before it kept the bytes: JsonDocument.ParseAsync straight from the (limited) stream.</summary>
    private static async Task<string> ReadAsDocumentDidAsync(byte[] bytes, bool gzip, long limit)
    {
        await using var source = Source(bytes, gzip);
        var limited = new LimitedReadStream(source, limit);
        try
        {
            using var document = await JsonDocument.ParseAsync(limited, new JsonDocumentOptions { MaxDepth = 64 });
            return "parsed " + document.RootElement.GetRawText();
        }
        catch (Exception error) when (error is JsonException or ApiException or InvalidDataException)
        {
            return Failure(error, limited.SawContent);
        }
    }

    /// <summary>What it does now: the bytes read into a <see cref="RequestBody"/>, then parsed from there.</summary>
    private static async Task<string> ReadAsNowAsync(byte[] bytes, bool gzip, long limit)
    {
        await using var source = Source(bytes, gzip);
        var limited = new LimitedReadStream(source, limit);
        try
        {
            using var body = await RequestBody.ReadAsync(limited, gzip ? null : bytes.Length, default);
            using var document = JsonDocument.Parse(body.Utf8, new JsonDocumentOptions { MaxDepth = 64 });
            return "parsed " + document.RootElement.GetRawText();
        }
        catch (Exception error) when (error is JsonException or ApiException or InvalidDataException)
        {
            return Failure(error, limited.SawContent);
        }
    }

    private static string Failure(Exception error, bool sawContent) => error switch
    {
        JsonException json => $"JSON {json.LineNumber}:{json.BytePositionInLine} {json.Message} (content: {sawContent})",
        ApiException api => $"{api.Status} {api.Message}",
        _ => "not gzip",
    };
}
