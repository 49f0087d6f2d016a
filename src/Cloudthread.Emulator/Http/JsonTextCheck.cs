using System.Text.Json;

namespace Cloudthread.Emulator.Http;

/// <summary>
/// Rejects a body whose strings or property names are not valid text (invalid UTF-8 bytes, or an escaped lone
/// surrogate such as <c>"\ud800"</c>): JSON parsing lets them through and reading them throws, which every
/// endpoint would otherwise answer with a 500. Checked once, right after parsing, for every body endpoint.
/// </summary>
internal static class JsonTextCheck
{
    public static void ThrowIfInvalidText(JsonElement root) => Check(root, string.Empty);

    private static void Check(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                try
                {
                    element.GetString();
                }
                catch (InvalidOperationException)
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
                    string name;
                    try
                    {
                        name = property.Name;
                    }
                    catch (InvalidOperationException)
                    {
                        throw Invalid(Validation.Join(path, "(a property name)"));
                    }

                    Check(property.Value, Validation.Join(path, name));
                }

                break;
        }
    }

    private static ApiException Invalid(string path) =>
        ApiException.Validation([new ErrorDetail(path.Length == 0 ? "body" : path, "is not valid text (invalid UTF-8, or a lone surrogate such as \\ud800)")]);
}
