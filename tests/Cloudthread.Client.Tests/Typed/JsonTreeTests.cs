using System.Text;
using Cloudthread.Client.Json;

namespace Cloudthread.Client.Tests.Typed;

public sealed class JsonTreeTests
{
    private static object? Parse(string json) => JsonTree.Parse(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Objects_become_ordered_dictionaries_with_bcl_values()
    {
        var tree = Assert.IsType<Dictionary<string, object?>>(Parse("""{"z":1,"a":"x","m":[true,null,2.5],"n":{"k":false},"big":12345678901234567890}"""));
        Assert.Equal(new[] { "z", "a", "m", "n", "big" }, tree.Keys.ToArray());
        Assert.Equal(1L, tree["z"]);
        Assert.Equal("x", tree["a"]);
        var list = Assert.IsType<List<object?>>(tree["m"]);
        Assert.Equal(new object?[] { true, null, 2.5 }, list.ToArray());
        Assert.Equal(false, Assert.IsType<Dictionary<string, object?>>(tree["n"])["k"]);
        Assert.IsType<double>(tree["big"]);
    }

    [Fact]
    public void Repeated_key_keeps_the_last_value()
    {
        var tree = Assert.IsType<Dictionary<string, object?>>(Parse("""{"a":1,"a":2}"""));
        Assert.Equal(2L, tree["a"]);
    }

    [Fact]
    public void Scalars_and_bom_are_read()
    {
        Assert.Equal("hi", Parse("\"hi\""));
        Assert.Equal(-3L, Parse("-3"));
        Assert.Null(Parse("null"));
        var withBom = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("[1]")).ToArray();
        Assert.Equal(new object?[] { 1L }, Assert.IsType<List<object?>>(JsonTree.Parse(withBom)).ToArray());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not json")]
    [InlineData("{\"a\":")]
    [InlineData("[1] [2]")]
    public void TryParse_refuses_what_is_not_one_json_value(string text)
    {
        Assert.False(JsonTree.TryParse(Encoding.UTF8.GetBytes(text), out var value));
        Assert.Null(value);
    }

    [Fact]
    public void Write_round_trips_a_tree()
    {
        const string json = """{"a":[1,2.5,"s",true,null],"b":{"c":{}}}""";
        using var stream = new MemoryStream();
        using (var writer = new System.Text.Json.Utf8JsonWriter(stream))
        {
            JsonTree.Write(writer, Parse(json));
        }

        Assert.Equal(json, Encoding.UTF8.GetString(stream.ToArray()));
    }
}
