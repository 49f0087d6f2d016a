using System.Globalization;
using Cloudthread.Client.Ingestion;

namespace Cloudthread.Client.Tests.Ingestion;

/// <summary>The shortcut for plain decimals gives double.Parse's double, bit for bit, and leaves every other form to it.</summary>
public sealed class PlainDecimalTextTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("7")]
    [InlineData("-7")]
    [InlineData("+7")]
    [InlineData("0.1")]
    [InlineData("1234.5")]
    [InlineData("-0.25")]
    [InlineData("000123.000")]
    [InlineData("999999999999999")]
    [InlineData("0.00000000000001")]
    [InlineData("9007199.25474099")]
    [InlineData("-0.0000001")]
    public void A_plain_decimal_reads_as_double_Parse_reads_it(string text)
    {
        Assert.True(PlainDecimalText.TryParse(text, out var value));
        Assert.Equal(BitConverter.DoubleToInt64Bits(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture)), BitConverter.DoubleToInt64Bits(value));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("+")]
    [InlineData(".5")]
    [InlineData("5.")]
    [InlineData("1.2.3")]
    [InlineData("1e5")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("1,000")]
    [InlineData("1000000000000000")]
    [InlineData("0.1234567890123456")]
    [InlineData("-0")]
    [InlineData("-0.000")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("١٢")]
    [InlineData("--1")]
    public void Any_other_form_is_left_to_double_Parse(string text)
    {
        Assert.False(PlainDecimalText.TryParse(text, out _));
    }

    [Fact]
    public void Random_decimals_read_as_double_Parse_reads_them()
    {
        var random = new Random(1202);
        for (var i = 0; i < 200_000; i++)
        {
            var digits = random.Next(1, 16);
            var text = string.Concat(Enumerable.Range(0, digits).Select(_ => (char)('0' + random.Next(10))));
            var point = random.Next(digits + 1);
            if (point > 0 && point < digits)
            {
                text = text[..point] + "." + text[point..];
            }

            text = (random.Next(3) == 0 ? "-" : string.Empty) + text;
            var expected = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            if (PlainDecimalText.TryParse(text, out var value))
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(value));
            }
            else
            {
                // Only negative zero is declined among these forms.
                Assert.Equal(0d, expected);
            }
        }
    }
}
