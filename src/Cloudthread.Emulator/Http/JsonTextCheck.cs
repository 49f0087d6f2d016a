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
        // Every ingested point passes through here: the raw bytes are checked in place, and a path is built only
        // to name the value that is wrong.
        if (!IsValidText(root))
        {
            Check(root, string.Empty);
        }
    }

    private static bool IsValidText(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return IsValidText(JsonMarshal.GetRawUtf8Value(element)) || CanRead(element);
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (!IsValidText(item))
                    {
                        return false;
                    }
                }

                return true;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (!(IsValidText(JsonMarshal.GetRawUtf8PropertyName(property)) || CanRead(property)) || !IsValidText(property.Value))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return true;
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

    private static void Check(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                if (!CanRead(element))
                {
                    throw Invalid(path);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Check(item, Validation.Index(path, index++));
                }

                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (!CanRead(property))
                    {
                        throw Invalid(Validation.Join(path, "(a property name)"));
                    }

                    Check(property.Value, Validation.Join(path, property.Name));
                }

                break;
        }
    }

    private static ApiException Invalid(string path) =>
        ApiException.Validation([new ErrorDetail(path.Length == 0 ? "body" : path, "is not valid text (invalid UTF-8, or a lone surrogate such as \\ud800)")]);
}
