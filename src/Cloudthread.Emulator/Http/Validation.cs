using System.Globalization;
using System.Text.Json;

namespace Cloudthread.Emulator.Http;

/// <summary>
/// Collects every problem of a request body (not just the first) and reads typed fields from
/// <see cref="JsonElement"/>s, naming the exact path of each wrong field.
/// </summary>
internal sealed class Validation
{
    /// <summary>At most this many details go in one error body; the message gives the full count.</summary>
    public const int MaxDetails = 1000;

    private readonly List<ErrorDetail> _details = [];
    private int _total;

    public bool HasErrors => _total > 0;

    public static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;

    public static string Index(string path, int index) => path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    public void Add(string path, string message)
    {
        _total++;
        if (_details.Count < MaxDetails)
        {
            _details.Add(new ErrorDetail(path.Length == 0 ? "body" : path, message));
        }
    }

    public void ThrowIfAny()
    {
        if (_total == 0)
        {
            return;
        }

        if (_total > _details.Count)
        {
            throw new ApiException(400, ErrorCodes.ValidationFailed,
                $"Validation failed with {_total} problems; the first {_details.Count} are in details.", _details);
        }

        throw ApiException.Validation(_details);
    }

    /// <summary>Requires the element to be an object; adds a problem and returns false otherwise.</summary>
    public bool ExpectObject(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            return true;
        }

        Add(path, "must be an object");
        return false;
    }

    /// <summary>A request body must be an object: anything else is answered at once (nothing in it can be checked further).</summary>
    public void RequireObject(JsonElement body)
    {
        if (!ExpectObject(body, string.Empty))
        {
            ThrowIfAny();
        }
    }

    /// <summary>The "data" array of a batch body (POST /ingest, POST /events): required, an array, not empty; adds the problem and returns false otherwise.</summary>
    public bool TryGetBatch(JsonElement body, out JsonElement data)
    {
        if (!TryGet(body, "data", out data))
        {
            Add("data", "is required");
        }
        else if (data.ValueKind != JsonValueKind.Array)
        {
            Add("data", "must be an array");
        }
        else if (data.GetArrayLength() == 0)
        {
            Add("data", "must not be empty");
        }
        else
        {
            return true;
        }

        return false;
    }

    /// <summary>Gets a property that is present and not null.</summary>
    public static bool TryGet(JsonElement obj, string name, out JsonElement value)
    {
        if (obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>The same, by the UTF-8 name: what a per-point field read uses, since it is compared without transcoding.</summary>
    public static bool TryGet(JsonElement obj, ReadOnlySpan<byte> utf8Name, out JsonElement value)
    {
        if (obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(utf8Name, out value) && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        value = default;
        return false;
    }

    public string? RequiredString(JsonElement obj, string name, string path, bool allowEmpty = false)
    {
        var fieldPath = Join(path, name);
        if (!TryGet(obj, name, out var value))
        {
            Add(fieldPath, "is required");
            return null;
        }

        return ReadString(value, fieldPath, allowEmpty);
    }

    public string? OptionalString(JsonElement obj, string name, string path, bool allowEmpty = true)
    {
        return TryGet(obj, name, out var value) ? ReadString(value, Join(path, name), allowEmpty) : null;
    }

    public string? ReadString(JsonElement value, string path, bool allowEmpty)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            Add(path, "must be a string");
            return null;
        }

        var text = value.GetString()!;
        if (!allowEmpty && text.Trim().Length == 0)
        {
            Add(path, "must not be empty");
            return null;
        }

        return text;
    }

    /// <summary>
    /// Ids, names and dimension keys are printable text: a control character (U+0000 to U+001F, U+007F to
    /// U+009F) in one is a 400, never stored. Adds a problem and returns false when there is one.
    /// </summary>
    public bool CheckNoControlCharacters(string? text, string path)
    {
        var at = IndexOfControlCharacter(text);
        if (at < 0)
        {
            return true;
        }

        Add(path, $"must not contain control characters (found U+{(int)text![at]:X4})");
        return false;
    }

    /// <summary>Where the first control character of <paramref name="text"/> is, or -1: lets a per-point check name its field only when it fails.</summary>
    public static int IndexOfControlCharacter(string? text)
    {
        if (text is null)
        {
            return -1;
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsControl(text[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>A required id or name: a non-empty string without control characters.</summary>
    public string? RequiredName(JsonElement obj, string name, string path)
    {
        var text = RequiredString(obj, name, path);
        return CheckNoControlCharacters(text, Join(path, name)) ? text : null;
    }

    public bool? OptionalBoolean(JsonElement obj, string name, string path)
    {
        if (!TryGet(obj, name, out var value))
        {
            return null;
        }

        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        Add(Join(path, name), "must be a boolean");
        return null;
    }

    public long? OptionalInteger(JsonElement obj, string name, string path)
    {
        if (!TryGet(obj, name, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number))
        {
            return number;
        }

        Add(Join(path, name), "must be an integer");
        return null;
    }

    public double? ReadFiniteNumber(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Number)
        {
            Add(path, "must be a number");
            return null;
        }

        if (!value.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            Add(path, "must be a finite number");
            return null;
        }

        return number;
    }

    /// <summary>Reads an optional array of strings; returns null when absent or wrong.</summary>
    public List<string>? OptionalStringArray(JsonElement obj, string name, string path)
    {
        if (!TryGet(obj, name, out var value))
        {
            return null;
        }

        var fieldPath = Join(path, name);
        if (value.ValueKind != JsonValueKind.Array)
        {
            Add(fieldPath, "must be an array of strings");
            return null;
        }

        var result = new List<string>();
        var ok = true;
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var itemPath = Index(fieldPath, index++);
            var text = ReadString(item, itemPath, allowEmpty: false);
            if (text is null || !CheckNoControlCharacters(text, itemPath))
            {
                ok = false;
            }
            else
            {
                result.Add(text);
            }
        }

        return ok ? result : null;
    }

    /// <summary>Reads a YYYY-MM-DD date.</summary>
    public DateOnly? ReadDate(string? text, string path, bool required)
    {
        if (string.IsNullOrEmpty(text))
        {
            if (required)
            {
                Add(path, "is required (YYYY-MM-DD)");
            }

            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        Add(path, "must be a date formatted YYYY-MM-DD");
        return null;
    }
}
