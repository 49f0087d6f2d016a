using System.Text;
using Cloudthread.Client.Ingestion;

namespace Cloudthread.Client.Tests.Ingestion;

/// <summary>
/// The CSV dialect of Send-CtCustomData -Path, as CsvHelper 34 read it before this reader replaced it (these cases were
/// checked against it): Import-Csv's, made strict, one record per line, broken quoting skipped and reported.
/// </summary>
public sealed class CsvRecordReaderTests
{
    // Records as "line/row: field|field", skipped lines as "line/row! Problem: raw", the header first as "header: ...".
    private static List<string> ReadAll(byte[] bytes, int bytesPerRead = 4096)
    {
        var events = new List<string>();
        using var csv = CsvRecordReader.Open(new MemoryStream(bytes), r => events.Add(r.LineNumber + "/" + r.RowNumber + "! " + r.Problem + ": " + r.RawRecord), bytesPerRead);
        events.Insert(0, "header: " + string.Join("|", csv.Headers));
        while (csv.Read())
        {
            var fields = new string[csv.FieldCount];
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = csv.GetString(i);
            }

            events.Add(csv.LineNumber + "/" + csv.RowNumber + ": " + string.Join("|", fields));
        }

        return events;
    }

    private static List<string> ReadAll(string text, int bytesPerRead = 4096) => ReadAll(Encoding.UTF8.GetBytes(text), bytesPerRead);

    [Theory]
    [InlineData("a,b\n1,2\n3,4\n")]
    [InlineData("a,b\r\n1,2\r\n3,4\r\n")]
    [InlineData("a,b\r1,2\r3,4\r")]
    [InlineData("a,b\r\n1,2\n3,4")]
    public void LF_CRLF_and_a_lone_CR_each_end_a_line_and_the_last_line_needs_no_break(string text)
    {
        Assert.Equal(new[] { "header: a|b", "2/1: 1|2", "3/2: 3|4" }, ReadAll(text));
    }

    [Fact]
    public void Empty_lines_are_passed_over_but_counted_as_lines()
    {
        Assert.Equal(new[] { "header: a|b", "5/1: 1|2", "8/2: 3|4" }, ReadAll("\n\na,b\n\n1,2\r\n\r\n\r3,4\n\n"));
        Assert.Equal(new[] { "header: a|b", "3/1: 1|2" }, ReadAll("a,b\r\r\n1,2\r\r\n"));
    }

    [Fact]
    public void An_empty_file_or_one_of_empty_lines_has_no_header_and_a_header_alone_has_no_records()
    {
        Assert.Equal(new[] { "header: " }, ReadAll(""));
        Assert.Equal(new[] { "header: " }, ReadAll("\n\r\n\r"));
        Assert.Equal(new[] { "header: " }, ReadAll("\uFEFF"));
        Assert.Equal(new[] { "header: a|b" }, ReadAll("a,b"));
        Assert.Equal(new[] { "header: a|b" }, ReadAll("a,b\r\n"));
    }

    [Fact]
    public void Quoted_fields_follow_RFC_4180_and_nothing_is_trimmed()
    {
        Assert.Equal(
            new[] { "header: a|b", "2/1: x,y|he said \"hi\"", "3/2: |\"", "4/3:  x | y\t", "5/4: \"" },
            ReadAll("a,b\n\"x,y\",\"he said \"\"hi\"\"\"\n\"\",\"\"\"\"\n x , y\t\n\"\"\"\"\n"));
    }

    [Fact]
    public void Records_may_be_shorter_or_longer_than_the_header_and_a_trailing_comma_is_an_empty_field()
    {
        Assert.Equal(
            new[] { "header: a|b|c", "2/1: 1", "3/2: 1|2", "4/3: 1|2|3|4", "5/4: |", "6/5: 1|2|3|" },
            ReadAll("a,b,c\n1\n1,2\n1,2,3,4\n,\n1,2,3,\n"));
        using var csv = CsvRecordReader.Open(new MemoryStream(Encoding.UTF8.GetBytes("a,b\n,\n")), null, 4096);
        Assert.True(csv.Read());
        Assert.Equal(2, csv.FieldCount);
        Assert.Same(string.Empty, csv.GetString(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => csv.GetString(2));
    }

    [Fact]
    public void A_quote_left_open_costs_only_its_line_and_reading_goes_on_at_the_next()
    {
        Assert.Equal(
            new[] { "header: a|b", "2/1: 1|2", "3/2! NotClosedOnItsLine: \"x,y", "4/2: 3|4", "5/3! NotClosedOnItsLine: \"x\"\"", "6/3: 5|6" },
            ReadAll("a,b\n1,2\n\"x,y\n3,4\n\"x\"\"\n5,6"));
    }

    [Fact]
    public void A_line_break_inside_quotes_ends_the_record_so_both_halves_are_malformed()
    {
        Assert.Equal(
            new[] { "header: a|b", "2/1! NotClosedOnItsLine: \"x", "3/1! StrayQuote: y\",2", "4/1: 1|2" },
            ReadAll("a,b\n\"x\ry\",2\n1,2\n"));
    }

    [Theory]
    [InlineData("x\"y,2", "StrayQuote")]
    [InlineData("x\",2", "StrayQuote")]
    [InlineData(" \"x\",2", "StrayQuote")]
    [InlineData("\"x\"y,2", "TextAfterClosingQuote")]
    [InlineData("\"x\" ,2", "TextAfterClosingQuote")]
    [InlineData("\"\"x,2", "TextAfterClosingQuote")]
    [InlineData("\",2", "NotClosedOnItsLine")]
    [InlineData("1,x\"y,\"z", "StrayQuote")]
    [InlineData("\"z\"w,x\"y", "TextAfterClosingQuote")]
    public void Broken_quoting_skips_the_record_with_the_first_problem_from_the_left_and_its_raw_text(string line, string problem)
    {
        Assert.Equal(new[] { "header: a|b", "2/1! " + problem + ": " + line, "3/1: 1|2" }, ReadAll("a,b\n" + line + "\n1,2\n"));
    }

    [Fact]
    public void A_broken_header_is_skipped_and_reported_as_row_0_and_the_next_line_is_the_header()
    {
        Assert.Equal(new[] { "header: 1|2", "1/0! NotClosedOnItsLine: \"a,b", "3/1: 3|4" }, ReadAll("\"a,b\n1,2\n3,4\n"));
    }

    [Fact]
    public void Without_a_byte_order_mark_the_file_is_UTF_8_and_bad_bytes_read_as_replacement_characters()
    {
        Assert.Equal(new[] { "header: név|b", "2/1: é€😀|中,文" }, ReadAll("név,b\né€😀,\"中,文\"\n"));
        Assert.Equal(new[] { "header: a|b", "2/1: \uFFFD|\uFFFD\uFFFD", "3/2: 1|\uFFFD" }, ReadAll(new byte[] { 0x61, 0x2C, 0x62, 0x0A, 0xC3, 0x2C, 0xFF, 0xFE, 0x0A, 0x31, 0x2C, 0xE2, 0x82 }));
    }

    public static TheoryData<string, byte[]> Encodings() => new()
    {
        { "UTF-8 BOM", new UTF8Encoding(true).GetPreamble() },
        { "UTF-16 LE", new UnicodeEncoding(false, true).GetPreamble() },
        { "UTF-16 BE", new UnicodeEncoding(true, true).GetPreamble() },
        { "UTF-32 LE", new UTF32Encoding(false, true).GetPreamble() },
        { "UTF-32 BE", new UTF32Encoding(true, true).GetPreamble() },
    };

    [Theory]
    [MemberData(nameof(Encodings))]
    public void A_byte_order_mark_sets_the_encoding_and_is_not_part_of_the_first_name_even_before_a_quote(string name, byte[] preamble)
    {
        var encoding = name switch
        {
            "UTF-8 BOM" => (Encoding)new UTF8Encoding(false),
            "UTF-16 LE" => new UnicodeEncoding(false, false),
            "UTF-16 BE" => new UnicodeEncoding(true, false),
            "UTF-32 LE" => new UTF32Encoding(false, false),
            _ => new UTF32Encoding(true, false),
        };
        var bytes = preamble.Concat(encoding.GetBytes("\"Timestamp\",név\r\n1,\"é,😀\"\r\n2,x\r\n")).ToArray();

        using var csv = CsvRecordReader.Open(new MemoryStream(bytes), null, 4096);

        Assert.Equal(new[] { "Timestamp", "név" }, csv.Headers);
        Assert.True(csv.Read());
        Assert.Equal("é,😀", csv.GetString(1));
        Assert.True(csv.Read());
        // The offset counts the file's own bytes, so that it measures progress through the file in any encoding.
        Assert.Equal(preamble.Length + encoding.GetByteCount("\"Timestamp\",név\r\n1,\"é,😀\"\r\n"), csv.ByteOffset);
        Assert.Equal("x", csv.GetString(1));
    }

    [Fact]
    public void The_byte_offset_is_where_the_record_starts_after_the_empty_lines_before_it()
    {
        using var csv = CsvRecordReader.Open(new MemoryStream(Encoding.UTF8.GetBytes("a,b\n\n€,2\r\n\r\n3,4")), null, 4096);
        var offsets = new List<long>();
        while (csv.Read())
        {
            offsets.Add(csv.ByteOffset);
        }

        Assert.Equal(new long[] { 5, 14 }, offsets);
    }

    [Fact]
    public void Every_read_size_reads_the_same_so_lines_and_CRLF_split_across_reads_and_lines_longer_than_the_buffer_are_whole()
    {
        var text = "Timestamp,\"Metric\"\r\n" + new string('x', 70_000) + ",\"" + string.Concat(Enumerable.Repeat("q\"\",", 20_000)) + "\"\r\n\r\n"
            + "\"open\r\n" + string.Concat(Enumerable.Range(0, 3000).Select(i => i + ",\"€" + i + "\"" + (i % 3 == 0 ? "\r" : i % 3 == 1 ? "\n" : "\r\n")));
        var expected = ReadAll(text, 65536);

        Assert.Equal(3003, expected.Count);
        Assert.Equal("2/1: " + new string('x', 70_000) + "|" + string.Concat(Enumerable.Repeat("q\",", 20_000)), expected[1]);
        Assert.Equal("4/2! NotClosedOnItsLine: \"open", expected[2]);
        Assert.Equal("3004/3001: 2999|€2999", expected[^1]);
        foreach (var size in new[] { 4, 5, 7, 64, 4096, 16384 })
        {
            Assert.Equal(expected, ReadAll(text, size));
        }
    }

    [Fact]
    public void A_file_is_read_from_its_path_and_a_missing_one_throws_what_opening_it_throws()
    {
        var path = Path.Combine(Path.GetTempPath(), "ct-reader-" + Guid.NewGuid().ToString("N") + ".csv");
        File.WriteAllText(path, "a\n1\n");
        try
        {
            using var csv = CsvRecordReader.Open(path, null);
            Assert.Equal(new[] { "a" }, csv.Headers);
            Assert.True(csv.Read());
            Assert.Equal("1", csv.GetString(0));
            Assert.False(csv.Read());
            Assert.False(csv.Read());
        }
        finally
        {
            File.Delete(path);
        }

        Assert.Throws<FileNotFoundException>(() => CsvRecordReader.Open(path, null));
    }

    [Fact]
    public void Text_that_repeats_in_a_column_is_one_string_and_other_text_is_never_mistaken_for_it()
    {
        // "axbyc"/"azbwc" share length, first, middle and last character: the same slot, told apart by comparison.
        var rows = new List<string>();
        var random = new Random(7);
        var pool = new[] { "us-east-1", "eu-west-1", "axbyc", "azbwc", "axbyd", "", "same", "\"quo\"\"ted\"", new string('l', 65), "é", "1", "2" };
        var header = string.Join(",", Enumerable.Range(0, 40).Select(i => "c" + i));
        for (var r = 0; r < 500; r++)
        {
            rows.Add(string.Join(",", Enumerable.Range(0, 40).Select(_ => pool[random.Next(pool.Length)])));
        }

        var text = Encoding.UTF8.GetBytes(header + "\n" + string.Join("\n", rows) + "\n");
        using var csv = CsvRecordReader.Open(new MemoryStream(text), null, 256);
        var seen = new Dictionary<(int Column, string Text), string>();
        var reused = 0;
        for (var r = 0; csv.Read(); r++)
        {
            var expected = rows[r].Split(',');
            for (var i = 0; i < 40; i++)
            {
                var field = csv.GetString(i);
                Assert.Equal(expected[i].Length > 0 && expected[i][0] == '"' ? "quo\"ted" : expected[i], field);
                if (seen.TryGetValue((i, field), out var earlier) && ReferenceEquals(earlier, field))
                {
                    reused++;
                }

                seen[(i, field)] = field;
            }
        }

        // 20,000 fields drawn from 12 values; the long and the quoted ones are made afresh, and "axbyc" and "azbwc" share
        // a slot and take it from each other: still well over half the fields are a string seen before.
        Assert.True(reused > 10_000, "reused " + reused);
    }
}
