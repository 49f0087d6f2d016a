using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cloudthread.Emulator.Http;
using Cloudthread.Emulator.Model;

namespace Cloudthread.Emulator.Tests;

/// <summary>
/// The per-point shortcuts of ingest must read exactly what the general code reads: the timestamp shortcut what
/// .NET's format parser reads, the canonical dimension key what JsonObject wrote (keys already in SQLite files).
/// </summary>
public sealed class IngestFastPathTests
{
    [Theory]
    [InlineData("2026-05-04T10:00:00Z")]
    [InlineData("2026-05-04 10:00:00Z")]
    [InlineData("2026-05-04T10:00:00z")]
    [InlineData("2024-02-29T23:00:00Z")]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("9999-12-31T23:00:00Z")]
    [InlineData("2026-05-04T10:30:00Z")]
    [InlineData("2026-05-04T10:00:59Z")]
    [InlineData("2023-02-29T00:00:00Z")]
    [InlineData("2026-13-01T00:00:00Z")]
    [InlineData("2026-00-01T00:00:00Z")]
    [InlineData("2026-05-32T00:00:00Z")]
    [InlineData("2026-05-04T24:00:00Z")]
    [InlineData("2026-05-04T10:60:00Z")]
    [InlineData("2026-05-04T10:00:60Z")]
    [InlineData("2026-05-04X10:00:00Z")]
    [InlineData("2026-O5-04T10:00:00Z")]
    [InlineData("0000-05-04T10:00:00Z")]
    [InlineData("2026-05-04T10:00:00+00:00")]
    public void The_timestamp_shortcut_agrees_with_the_format_parser(string text)
    {
        var element = JsonDocument.Parse(JsonSerializer.Serialize(text)).RootElement;
        var ok = HourlyTimestamp.TryRead(element, out var seconds, out var problem);

        var parsed = DateTimeOffset.TryParseExact(text.Replace('z', 'Z'), ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd' 'HH:mm:ssK"],
            CultureInfo.InvariantCulture, DateTimeStyles.None, out var expected);
        if (!parsed)
        {
            Assert.False(ok);
            Assert.Equal(HourlyTimestamp.FormatsMessage, problem);
            return;
        }

        if (expected.UtcDateTime.Ticks % TimeSpan.TicksPerHour != 0)
        {
            Assert.False(ok);
            Assert.Equal(HourlyTimestamp.HourMessage, problem);
            return;
        }

        Assert.True(ok, problem);
        Assert.Equal(expected.ToUnixTimeSeconds(), seconds);
    }

    [Theory]
    [InlineData("2026-05-04T10:00:00Z")]
    [InlineData("2026-05-04 10:00:00z")]
    [InlineData("2026-05-04T10:30:00Z")]
    [InlineData("2026-13-01T00:00:00Z")]
    [InlineData("2026-05-04T10:00:00+00:00")]
    [InlineData("2026-05-04T10:00:00\\u005A")]
    [InlineData("２026-05-04T10:00:00Z")]
    public void The_raw_bytes_shortcut_reads_what_the_string_shortcut_reads(string jsonStringContent)
    {
        // The raw view is what ingest hands it: the JSON string as written, escapes not decoded.
        using var document = JsonDocument.Parse("\"" + jsonStringContent + "\"");
        var fromRaw = HourlyTimestamp.TryParseUtcZ(System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(document.RootElement), out var rawParsed);
        var text = document.RootElement.GetString()!;
        var plain = text.Length == 20 && !jsonStringContent.Contains('\\', StringComparison.Ordinal) && text.All(c => c < 128);

        // Whatever the shortcut says, reading the element gives what the text gives (the test above checks that against .NET's parser).
        using var unescaped = JsonDocument.Parse(JsonSerializer.Serialize(text));
        Assert.Equal(HourlyTimestamp.TryRead(unescaped.RootElement, out var textSeconds, out var textProblem) + " " + textSeconds + " " + textProblem,
            HourlyTimestamp.TryRead(document.RootElement, out var seconds, out var problem) + " " + seconds + " " + problem);
        if (plain && DateTimeOffset.TryParseExact(text.Replace('z', 'Z'), ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd' 'HH:mm:ssK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var expected))
        {
            Assert.True(fromRaw);
            Assert.Equal(expected, rawParsed);
        }
        else
        {
            Assert.False(fromRaw);
        }
    }

    [Theory]
    [InlineData("2026-05-04T10:00:00Z", true)]
    [InlineData("2026-05-04 10:00:00Z", true)]
    [InlineData("2026-05-04T10:00:00z", true)]
    [InlineData("2026-05-04 10:00:00", true)]
    [InlineData("0001-01-01 00:00:00", true)]
    [InlineData("9999-12-31 23:00:00", true)]
    [InlineData("2024-02-29 23:00:00", true)]
    [InlineData("2026-05-04 10:30:00", false)]
    [InlineData("2026-05-04 10:00:01", false)]
    [InlineData("2026-05-04T10:00:00", false)]
    [InlineData("2023-02-29 00:00:00", false)]
    [InlineData("0000-01-01 00:00:00", false)]
    [InlineData("2026-05-04 24:00:00", false)]
    [InlineData("2026-13-04 10:00:00", false)]
    [InlineData("2026-05-04  10:00:0", false)]
    [InlineData("2026-05-04 10:00:00+00:00", false)]
    [InlineData("2026-05-04T10:00:00.000Z", false)]
    [InlineData("20260504100000", false)]
    [InlineData("２026-05-04 10:00:00", false)]
    public void The_plain_hour_reads_as_the_timestamp_reader_reads(string text, bool plain)
    {
        // Plain: the shortcut reads it, to what the general reader reads. Not plain: it declines (the general reader decides).
        var ok = HourlyTimestamp.TryReadPlainHour(System.Text.Encoding.UTF8.GetBytes(text), out var seconds);
        Assert.Equal(plain, ok);
        if (ok)
        {
            using var document = JsonDocument.Parse(JsonSerializer.Serialize(text));
            Assert.True(HourlyTimestamp.TryRead(document.RootElement, out var expected, out var problem), problem);
            Assert.Equal(expected, seconds);
        }
    }

    [Theory]
    [InlineData("{\"data\":[{\"a\":\"ok\"},{\"metric_name\":\"\\ud800\"}]}", "data[1].metric_name")]
    [InlineData("{\"data\":[{\"custom_dimensions\":{\"k\\udc00\":\"v\"}}]}", "data[0].custom_dimensions.(a property name)")]
    public void Invalid_text_is_named_by_its_path(string json, string path)
    {
        using var document = JsonDocument.Parse(json);
        var error = Assert.Throws<ApiException>(() => JsonTextCheck.ThrowIfInvalidText(document.RootElement));
        Assert.Equal(path, Assert.Single(error.Details).Path);
    }

    [Theory]
    [InlineData("{\"a\":\"caf\u00e9 \\u00e9 \\n \\ud83d\\ude00\",\"\\u006b\":[\"x\",1,null,{\"b\":\"\\\"\"}]}")]
    [InlineData("{\"data\":[]}")]
    public void Valid_text_with_escapes_and_pairs_passes(string json)
    {
        using var document = JsonDocument.Parse(json);
        JsonTextCheck.ThrowIfInvalidText(document.RootElement);
    }

    [Fact]
    public void Invalid_utf8_bytes_are_named_by_their_path()
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes("{\"data\":[{\"metric_name\":\"ok\"},{\"metric_name\":\"x#y\"}]}");
        bytes[Array.IndexOf(bytes, (byte)'#')] = 0xFF;
        using var document = JsonDocument.Parse(bytes);
        var error = Assert.Throws<ApiException>(() => JsonTextCheck.ThrowIfInvalidText(document.RootElement));
        Assert.Equal("data[1].metric_name", Assert.Single(error.Details).Path);
    }

    public static TheoryData<string[]> DimensionSets => new()
    {
        Array.Empty<string>(),
        new[] { "region", "us-east-1" },
        new[] { "team", "payments", "region", "eu-west-1", "Region", "upper" },
        new[] { "z", "1", "a", "2", "m", "3", "b", "4" },
        new[] { "quote\"key", "back\\slash", "html", "<b>&'", "unicode", "Zürich ✓ 東京", "ctl", "tab\there\n" },
        new[] { "emoji😀", "😀", "a", "" },
        new[] { "dup", "first", "other", "x", "dup", "last" },
    };

    [Theory]
    [MemberData(nameof(DimensionSets))]
    public void The_canonical_dimension_key_is_what_JsonObject_wrote(string[] flat)
    {
        var pairs = Enumerable.Range(0, flat.Length / 2).Select(i => new KeyValuePair<string, string>(flat[2 * i], flat[(2 * i) + 1])).ToList();

        var earlier = new JsonObject();
        foreach (var pair in pairs.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            earlier[pair.Key] = pair.Value;
        }

        Assert.Equal(earlier.ToJsonString(), new DimensionSet(pairs).Canonical);
    }

    [Fact]
    public void Dimension_sets_are_equal_whatever_the_order_and_differ_by_any_key_or_value()
    {
        var one = new DimensionSet([KeyValuePair.Create("b", "2"), KeyValuePair.Create("a", "1"), KeyValuePair.Create("c", "3")]);
        var reversed = new DimensionSet([KeyValuePair.Create("c", "3"), KeyValuePair.Create("a", "1"), KeyValuePair.Create("b", "2")]);
        Assert.Equal(one, reversed);
        Assert.Equal(one.GetHashCode(), reversed.GetHashCode());
        Assert.Equal("{\"a\":\"1\",\"b\":\"2\",\"c\":\"3\"}", one.Canonical);

        Assert.NotEqual(one, new DimensionSet([KeyValuePair.Create("a", "1"), KeyValuePair.Create("b", "2")]));
        Assert.NotEqual(one, new DimensionSet([KeyValuePair.Create("a", "1"), KeyValuePair.Create("b", "2"), KeyValuePair.Create("c", "4")]));
        Assert.NotEqual(one, new DimensionSet([KeyValuePair.Create("a", "1"), KeyValuePair.Create("B", "2"), KeyValuePair.Create("c", "3")]));
        Assert.Equal(new DimensionSet([]), new DimensionSet([]));
        Assert.Equal("{}", new DimensionSet([]).Canonical);
    }
}
