using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Unicode;

namespace Cloudthread.Emulator.Http;

/// <summary>
/// Rejects a body whose strings or property names are not valid text (invalid UTF-8 bytes, or an escaped lone
/// surrogate such as <c>"\ud800"</c>): JSON parsing lets them through and reading them throws, which every
/// endpoint would otherwise answer with a 500. Checked once, right after parsing, for every body endpoint.
/// </summary>
internal static class JsonTextCheck
{
    public static void ThrowIfInvalidText(JsonElement root)
    {
        if (InvalidSteps(root) is not { } steps)
        {
            return;
        }

        // The steps came back innermost first; written out as Validation writes every other path.
        var path = string.Empty;
        for (var i = steps.Count - 1; i >= 0; i--)
        {
            path = steps[i].IsIndex ? Validation.Index(path, steps[i].Index) : Validation.Join(path, steps[i].Name!);
        }

        throw ApiException.Validation([new ErrorDetail(path.Length == 0 ? "body" : path, "is not valid text (invalid UTF-8, or a lone surrogate such as \\ud800)")]);
    }

    /// <summary>
    /// The steps (innermost first) from <paramref name="element"/> to the first value or property name that is not
    /// valid text, or null. Every ingested point passes through here: the raw bytes are checked in place, and the
    /// steps are collected only on the way back from the one that is wrong.
    /// </summary>
    private static List<Step>? InvalidSteps(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return IsValidText(JsonMarshal.GetRawUtf8Value(element)) || CanRead(element) ? null : [];
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (InvalidSteps(item) is { } steps)
                    {
                        steps.Add(new Step(null, index));
                        return steps;
                    }

                    index++;
                }

                return null;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (!IsValidText(JsonMarshal.GetRawUtf8PropertyName(property)) && !CanRead(property))
                    {
                        return [new Step("(a property name)", 0)];
                    }

                    if (InvalidSteps(property.Value) is { } steps)
                    {
                        steps.Add(new Step(property.Name, 0));
                        return steps;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>Valid UTF-8 without escapes reads as it is; an escape (which may spell a lone surrogate) is left to the reader.</summary>
    private static bool IsValidText(ReadOnlySpan<byte> raw) => raw.IndexOf((byte)'\\') < 0 && Utf8.IsValid(raw);

    private static bool CanRead(JsonElement element)
    {
        try
        {
            element.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static bool CanRead(JsonProperty property)
    {
        try
        {
            _ = property.Name;
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>A property name, or (with no name) an array index.</summary>
    private readonly record struct Step(string? Name, int Index)
    {
        public bool IsIndex => Name is null;
    }
}
