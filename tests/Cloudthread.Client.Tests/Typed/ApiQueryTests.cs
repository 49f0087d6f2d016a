using System.Globalization;

namespace Cloudthread.Client.Tests.Typed;

public sealed class ApiQueryTests
{
    private static Dictionary<string, string> Of(params (string Name, object? Value)[] values) =>
        ApiQuery.FromValues(values.Select(v => new KeyValuePair<string, object?>(v.Name, v.Value)));

    [Fact]
    public void Values_take_the_forms_the_API_reads()
    {
        var query = Of(
            ("none", null),
            ("flag", true),
            ("day", new DateTime(2026, 1, 7)),
            ("time", new DateTime(2026, 1, 7, 13, 30, 0, DateTimeKind.Utc)),
            ("ratio", 1.5),
            ("ids", new object[] { "a", 2, false }));

        Assert.Equal(string.Empty, query["none"]);
        Assert.Equal("true", query["flag"]);
        Assert.Equal("2026-01-07", query["day"]);
        Assert.Equal("2026-01-07T13:30:00.0000000Z", query["time"]);
        Assert.Equal("1.5", query["ratio"]);
        Assert.Equal("a,2,false", query["ids"]);
    }

    [Fact]
    public void Numbers_do_not_follow_the_current_culture()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            Assert.Equal("1.5", Of(("x", 1.5))["x"]);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void The_host_unwraps_every_value_and_list_item()
    {
        var query = ApiQuery.FromValues(
            new[] { new KeyValuePair<string, object?>("ids", new Wrapped(new object[] { new Wrapped(true), new Wrapped("b") })) },
            v => v is Wrapped w ? w.Inner : v);

        Assert.Equal("true,b", query["ids"]);
    }

    [Fact]
    public void A_string_is_not_a_list_of_characters()
    {
        Assert.Equal("abc", Of(("s", "abc"))["s"]);
    }

    private sealed record Wrapped(object? Inner);
}
