using System.Globalization;

namespace Cloudthread.Client.Tests.Typed;

/// <summary>CloudthreadText.Of: the one value-to-text rule behind dimensions, tags, team fields, headers and query values.</summary>
public sealed class CloudthreadTextTests
{
    private enum Colour { DeepBlue }

    public static TheoryData<object?, string> Values() => new()
    {
        { null, "" },
        { "as is", "as is" },
        { true, "true" },
        { false, "false" },
        { 42, "42" },
        { -7L, "-7" },
        { 1.5, "1.5" },
        { 2.25m, "2.25" },
        { 'c', "c" },
        { new DateTime(2031, 1, 2, 0, 0, 0, DateTimeKind.Utc), "2031-01-02T00:00:00.0000000Z" },
        { new DateTime(2031, 1, 2, 13, 30, 0, DateTimeKind.Unspecified), "2031-01-02T13:30:00.0000000" },
        { new DateTimeOffset(2031, 1, 2, 0, 0, 0, TimeSpan.FromHours(2)), "2031-01-02T00:00:00.0000000+02:00" },
        { TimeSpan.FromMinutes(90), "01:30:00" },
        { Colour.DeepBlue, "DeepBlue" },
        { new Uri("https://example.test/a b", UriKind.Absolute), "https://example.test/a b" },
        { new Guid("0f8fad5b-d9cb-469f-a165-70867728950e"), "0f8fad5b-d9cb-469f-a165-70867728950e" },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void A_value_becomes_the_text_the_client_sends(object? value, string expected)
    {
        Assert.Equal(expected, CloudthreadText.Of(value));
    }

    [Fact]
    public void The_current_culture_never_shows()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            Assert.Equal("1.5", CloudthreadText.Of(1.5));
            Assert.Equal("2031-01-02T00:00:00.0000000Z", CloudthreadText.Of(new DateTime(2031, 1, 2, 0, 0, 0, DateTimeKind.Utc)));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void A_date_is_written_as_JSON_writes_it()
    {
        var time = new DateTime(2031, 1, 2, 0, 0, 0, DateTimeKind.Utc);
        Assert.Equal("\"" + CloudthreadText.Of(time) + "\"", CloudthreadJson.Serialize(time));
    }
}
