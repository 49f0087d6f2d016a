using System.Collections;
using System.Collections.Specialized;
using System.Globalization;
using System.Text;
using Cloudthread.Client.Json;

namespace Cloudthread.Client.Tests.Json;

/// <summary>CloudthreadJson.Serialize: every accepted type, key order, escaping, and the refusals with their paths.</summary>
public sealed class CloudthreadJsonTests
{
    private enum Colour { Red, DeepBlue }

    [Flags]
    private enum Access { None = 0, Read = 1, Write = 2 }

    private enum Small : byte { One = 1 }

    public static TheoryData<object?, string> Scalars() => new()
    {
        { null, "null" },
        { "text", "\"text\"" },
        { 'x', "\"x\"" },
        { true, "true" },
        { false, "false" },
        { (sbyte)-8, "-8" },
        { (byte)200, "200" },
        { (short)-300, "-300" },
        { (ushort)65000, "65000" },
        { -70000, "-70000" },
        { 4000000000u, "4000000000" },
        { long.MinValue, "-9223372036854775808" },
        { ulong.MaxValue, "18446744073709551615" },
        { 2.5, "2.5" },
        { 0.1, "0.1" },
        { 1e300, "1E+300" },
        { 0.25f, "0.25" },
        { 1.50m, "1.50" },
        { System.Numerics.BigInteger.Parse("-123456789012345678901234567890", CultureInfo.InvariantCulture), "-123456789012345678901234567890" },
        { new DateTime(2026, 3, 4, 5, 6, 7, DateTimeKind.Utc), "\"2026-03-04T05:06:07.0000000Z\"" },
        { new DateTime(2026, 3, 4, 5, 6, 7, DateTimeKind.Unspecified), "\"2026-03-04T05:06:07.0000000\"" },
        { new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.FromHours(2)), "\"2026-03-04T05:06:07.0000000+02:00\"" },
        { TimeSpan.FromMinutes(90), "\"01:30:00\"" },
        { new Guid("0f8fad5b-d9cb-469f-a165-70867728950e"), "\"0f8fad5b-d9cb-469f-a165-70867728950e\"" },
        { Colour.DeepBlue, "\"DeepBlue\"" },
        { Access.Read | Access.Write, "\"Read, Write\"" },
        { Small.One, "\"One\"" },
        { new Uri("https://example.com/a%20b?q=1"), "\"https://example.com/a%20b?q=1\"" },
    };

    [Theory]
    [MemberData(nameof(Scalars))]
    public void Scalars_are_written_as_json(object? value, string json) => Assert.Equal(json, CloudthreadJson.Serialize(value));

    [Fact]
    public void Numbers_and_dates_do_not_depend_on_the_current_culture()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            Assert.Equal("""[2.5,1.5,"2026-03-04T05:06:07.0000000Z",{"0.5":1}]""", CloudthreadJson.Serialize(new object[]
            {
                2.5, 1.5m, new DateTime(2026, 3, 4, 5, 6, 7, DateTimeKind.Utc), new Hashtable { [0.5] = 1 },
            }));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void Dictionaries_keep_their_key_order_and_keys_become_text()
    {
        var ordered = new OrderedDictionary { { "zeta", 1 }, { "alpha", 2 }, { 3, "three" }, { Colour.Red, true } };
        Assert.Equal("""{"zeta":1,"alpha":2,"3":"three","Red":true}""", CloudthreadJson.Serialize(ordered));

        var generic = new Dictionary<string, object?> { ["b"] = null, ["a"] = new List<object?> { 1L, "x" } };
        Assert.Equal("""{"b":null,"a":[1,"x"]}""", CloudthreadJson.Serialize(generic));

        var typed = new SortedDictionary<int, string> { [2] = "two", [1] = "one" };
        Assert.Equal("""{"1":"one","2":"two"}""", CloudthreadJson.Serialize(typed));
    }

    [Fact]
    public void Enumerables_other_than_strings_are_arrays()
    {
        Assert.Equal("[1,2,3]", CloudthreadJson.Serialize(new[] { 1, 2, 3 }));
        Assert.Equal("""["a",null,true]""", CloudthreadJson.Serialize(new ArrayList { "a", null, true }));
        Assert.Equal("[0,1,4]", CloudthreadJson.Serialize(Enumerable.Range(0, 3).Select(i => i * i)));
        Assert.Equal("[]", CloudthreadJson.Serialize(Array.Empty<object>()));
        Assert.Equal("""[[],{}]""", CloudthreadJson.Serialize(new object[] { new List<int>(), new Hashtable() }));
    }

    [Fact]
    public void Strings_are_escaped_and_read_back_unchanged()
    {
        const string tricky = "quote \" backslash \\ newline \n tab \t nul \0 bell \a <tag> & 'apos' é 😀";
        var json = CloudthreadJson.Serialize(new Dictionary<string, object?> { [tricky] = tricky });

        Assert.DoesNotContain('\n', json);
        Assert.DoesNotContain('\0', json);
        Assert.Contains("\\\"", json);
        Assert.Contains("\\\\", json);
        var tree = Assert.IsType<Dictionary<string, object?>>(JsonTree.Parse(Encoding.UTF8.GetBytes(json)));
        Assert.Equal(tricky, Assert.Single(tree).Key);
        Assert.Equal(tricky, tree[tricky]);
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public void Non_finite_doubles_are_refused_with_their_path(double bad, string name)
    {
        var body = new Dictionary<string, object?>
        {
            ["items"] = new object[] { 1, 2, new Hashtable { ["value"] = bad } },
        };

        var error = Assert.Throws<CloudthreadValidationException>(() => CloudthreadJson.Serialize(body, "body", null));
        var issue = Assert.Single(error.Issues);
        Assert.Equal("body.items[2].value", issue.Path);
        Assert.Equal("body.items[2].value: " + name + " is not valid JSON", error.Message);
    }

    [Fact]
    public void Non_finite_floats_and_a_bare_nan_are_refused()
    {
        Assert.Equal("value[1]: NaN is not valid JSON",
            Assert.Throws<CloudthreadValidationException>(() => CloudthreadJson.Serialize(new[] { 1f, float.NaN })).Message);
        Assert.Equal("value: Infinity is not valid JSON",
            Assert.Throws<CloudthreadValidationException>(() => CloudthreadJson.Serialize(float.PositiveInfinity)).Message);
    }

    [Fact]
    public void Keys_that_are_not_identifiers_are_quoted_in_the_path()
    {
        var body = new Dictionary<string, object?> { ["a b"] = new Dictionary<string, object?> { ["say \"hi\""] = double.NaN } };
        var issue = Assert.Single(Assert.Throws<CloudthreadValidationException>(() => CloudthreadJson.Serialize(body)).Issues);
        Assert.Equal("value[\"a b\"][\"say \\\"hi\\\"\"]", issue.Path);
    }

    [Fact]
    public void Nesting_up_to_the_limit_is_written_and_one_more_level_is_refused()
    {
        Assert.Equal(new string('[', 64) + new string(']', 64), CloudthreadJson.Serialize(Nested(64)));

        var error = Assert.Throws<CloudthreadValidationException>(() => CloudthreadJson.Serialize(Nested(65)));
        var issue = Assert.Single(error.Issues);
        Assert.Equal("value" + string.Concat(Enumerable.Repeat("[0]", 64)), issue.Path);
        Assert.Contains("nested more than 64 levels deep", issue.Message);
    }

    [Fact]
    public void A_cycle_is_refused_instead_of_recursing_forever()
    {
        var self = new Hashtable();
        self["self"] = self;
        var issue = Assert.Single(Assert.Throws<CloudthreadValidationException>(() => CloudthreadJson.Serialize(self, "body", null)).Issues);
        Assert.StartsWith("body.self.self.", issue.Path);
        Assert.Equal(CloudthreadJson.MaxDepth, issue.Path.Split('.').Length - 1);
        Assert.Contains("(a cycle?)", issue.Message);
    }

    [Fact]
    public void An_unknown_type_is_refused_with_its_path_when_nothing_converts_it()
    {
        var body = new Hashtable { ["builder"] = new StringBuilder("x") };
        var error = Assert.Throws<CloudthreadValidationException>(() => CloudthreadJson.Serialize(body, "body", null));
        Assert.Equal("body.builder: a StringBuilder cannot be written as JSON", error.Message);
    }

    [Fact]
    public void The_converter_turns_unknown_values_into_known_ones_until_one_is_known()
    {
        // Stands for a host wrapper: a Box unwraps to its content, which may be another Box.
        var body = new object[] { new Box(new Box(42)), new Box(new Dictionary<string, object?> { ["k"] = new Box("v") }), new Box(null) };
        Assert.Equal("""[42,{"k":"v"},null]""", CloudthreadJson.Serialize(body, "body", Unbox));
    }

    [Fact]
    public void The_converter_refuses_by_returning_the_value_itself()
    {
        var refused = new StringBuilder("code");
        var body = new Dictionary<string, object?> { ["ok"] = new Box(1), ["script"] = refused };
        var error = Assert.Throws<CloudthreadValidationException>(() => CloudthreadJson.Serialize(body, "body", value => value is Box box ? box.Content : value));
        Assert.Equal("body.script: a StringBuilder cannot be written as JSON", error.Message);
    }

    [Fact]
    public void A_converter_that_never_settles_is_stopped()
    {
        var error = Assert.Throws<CloudthreadValidationException>(() => CloudthreadJson.Serialize(new Box(1), "body", value => new Box(value)));
        Assert.Equal("body: a Box cannot be written as JSON", error.Message);
    }

    [Fact]
    public void Dictionary_keys_are_converted_too()
    {
        var body = new OrderedDictionary { { new Box("name"), 1 }, { new Box(new Uri("http://x/a%20b")), 2 }, { Guid.Empty, 3 } };
        Assert.Equal("""{"name":1,"http://x/a%20b":2,"00000000-0000-0000-0000-000000000000":3}""", CloudthreadJson.Serialize(body, "body", Unbox));
    }

    [Fact]
    public void The_serialized_body_is_accepted_by_the_raw_request()
    {
        var json = CloudthreadJson.Serialize(new Dictionary<string, object?> { ["name"] = "Platform", ["tags"] = new[] { "a" } });
        var request = Cloudthread.Client.Operations.RawApi.Build("POST", "/teams", null, json);
        Assert.Equal(json, Encoding.UTF8.GetString(request.JsonBody!.Value.ToArray()));
    }

    private static object? Unbox(object value) => value is Box box ? box.Content : value;

    private static object Nested(int depth)
    {
        object value = new List<object>();
        for (var i = 1; i < depth; i++)
        {
            value = new List<object> { value };
        }

        return value;
    }

    private sealed class Box(object? content)
    {
        public object? Content { get; } = content;
    }
}
