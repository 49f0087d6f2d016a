using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace Cloudthread.Client.Json
{
    /// <summary>
    /// Free-form JSON as plain BCL values, so that no System.Text.Json type leaks into the public surface:
    /// objects become ordered <c>Dictionary&lt;string, object?&gt;</c> (keys in document order; a repeated key keeps
    /// its last value), arrays <c>List&lt;object?&gt;</c>, integers that fit <c>long</c>, other numbers <c>double</c>,
    /// then string, bool and null.
    /// </summary>
    internal static class JsonTree
    {
        private static readonly JsonReaderOptions ReaderOptions = new JsonReaderOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        };

        /// <summary>Parses a whole UTF-8 document; throws <see cref="JsonException"/> when it is not JSON.</summary>
        public static object? Parse(ReadOnlySpan<byte> utf8)
        {
            if (utf8.Length >= 3 && utf8[0] == 0xEF && utf8[1] == 0xBB && utf8[2] == 0xBF)
            {
                utf8 = utf8.Slice(3);
            }

            var reader = new Utf8JsonReader(utf8, ReaderOptions);
            if (!reader.Read())
            {
                throw new JsonException("The document is empty.");
            }

            var value = ReadValue(ref reader);
            if (reader.Read())
            {
                throw new JsonException("Unexpected data after the JSON value.");
            }

            return value;
        }

        /// <summary>Parses a document, or returns false (and null) when it is empty or not JSON.</summary>
        public static bool TryParse(ReadOnlySpan<byte> utf8, out object? value)
        {
            value = null;
            if (IsBlank(utf8))
            {
                return false;
            }

            try
            {
                value = Parse(utf8);
                return true;
            }
            catch (JsonException)
            {
                return false;
            }
        }

        /// <summary>Reads the value the reader is positioned on (its first token) and leaves the reader on its last token.</summary>
        public static object? ReadValue(ref Utf8JsonReader reader)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                    {
                        var name = reader.GetString() ?? string.Empty;
                        reader.Read();
                        map[name] = ReadValue(ref reader);
                    }

                    return map;
                case JsonTokenType.StartArray:
                    var list = new List<object?>();
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        list.Add(ReadValue(ref reader));
                    }

                    return list;
                case JsonTokenType.String:
                    return reader.GetString();
                case JsonTokenType.Number:
                    if (reader.TryGetInt64(out var whole))
                    {
                        return whole;
                    }

                    return reader.GetDouble();
                case JsonTokenType.True:
                    return true;
                case JsonTokenType.False:
                    return false;
                case JsonTokenType.Null:
                    return null;
                default:
                    throw new JsonException("Unexpected JSON token " + reader.TokenType + ".");
            }
        }

        /// <summary>Writes a tree made of the types <see cref="ReadValue"/> produces (and other common BCL scalars).</summary>
        public static void Write(Utf8JsonWriter writer, object? value)
        {
            switch (value)
            {
                case null:
                    writer.WriteNullValue();
                    break;
                case string s:
                    writer.WriteStringValue(s);
                    break;
                case bool b:
                    writer.WriteBooleanValue(b);
                    break;
                case long l:
                    writer.WriteNumberValue(l);
                    break;
                case int i:
                    writer.WriteNumberValue(i);
                    break;
                case double d:
                    writer.WriteNumberValue(d);
                    break;
                case float f:
                    writer.WriteNumberValue(f);
                    break;
                case decimal m:
                    writer.WriteNumberValue(m);
                    break;
                case DateTime dt:
                    writer.WriteStringValue(dt.ToString("o", CultureInfo.InvariantCulture));
                    break;
                case DateTimeOffset dto:
                    writer.WriteStringValue(dto.ToString("o", CultureInfo.InvariantCulture));
                    break;
                case IEnumerable<KeyValuePair<string, object?>> map:
                    writer.WriteStartObject();
                    foreach (var pair in map)
                    {
                        writer.WritePropertyName(pair.Key);
                        Write(writer, pair.Value);
                    }

                    writer.WriteEndObject();
                    break;
                case System.Collections.IDictionary dictionary:
                    writer.WriteStartObject();
                    foreach (System.Collections.DictionaryEntry entry in dictionary)
                    {
                        writer.WritePropertyName(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty);
                        Write(writer, entry.Value);
                    }

                    writer.WriteEndObject();
                    break;
                case System.Collections.IEnumerable items:
                    writer.WriteStartArray();
                    foreach (var item in items)
                    {
                        Write(writer, item);
                    }

                    writer.WriteEndArray();
                    break;
                case IConvertible convertible when IsNumeric(convertible.GetTypeCode()):
                    writer.WriteNumberValue(convertible.ToDecimal(CultureInfo.InvariantCulture));
                    break;
                default:
                    writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                    break;
            }
        }

        private static bool IsNumeric(TypeCode code) => code is TypeCode.Byte or TypeCode.SByte or TypeCode.Int16
            or TypeCode.UInt16 or TypeCode.UInt32 or TypeCode.UInt64;

        private static bool IsBlank(ReadOnlySpan<byte> utf8)
        {
            foreach (var b in utf8)
            {
                if (b != (byte)' ' && b != (byte)'\t' && b != (byte)'\r' && b != (byte)'\n')
                {
                    return false;
                }
            }

            return true;
        }
    }
}
