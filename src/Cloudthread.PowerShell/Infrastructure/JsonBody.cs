using System;
using System.Collections;
using System.Globalization;
using System.Management.Automation;
using System.Text;

namespace Cloudthread.PowerShell.Infrastructure
{
    /// <summary>
    /// -Body of Invoke-CtApiRequest as JSON text: a string is sent as is (the client checks it is JSON); hashtables,
    /// PSCustomObjects, arrays and scalars are written as JSON. Kept here because the client takes the body as text.
    /// </summary>
    internal static class JsonBody
    {
        private const int MaxDepth = 64;

        /// <summary>The JSON text, or null for no body. Throws ArgumentException for what JSON cannot express.</summary>
        public static string? FromObject(object? body)
        {
            var value = Unwrap(body);
            if (value is null)
            {
                return null;
            }

            if (value is string text)
            {
                return text;
            }

            var json = new StringBuilder();
            Write(json, value, 0);
            return json.ToString();
        }

        private static void Write(StringBuilder json, object? raw, int depth)
        {
            if (depth > MaxDepth)
            {
                throw new ArgumentException("the object is nested more than " + MaxDepth.ToString(CultureInfo.InvariantCulture) + " levels deep (a cycle?)");
            }

            var wrapped = raw as PSObject;
            var value = Unwrap(raw);
            switch (value)
            {
                case null:
                    json.Append("null");
                    break;
                case string s:
                    WriteString(json, s);
                    break;
                case char c:
                    WriteString(json, c.ToString());
                    break;
                case bool b:
                    json.Append(b ? "true" : "false");
                    break;
                case SwitchParameter sw:
                    json.Append(sw.IsPresent ? "true" : "false");
                    break;
                case double d:
                    WriteFloat(json, d);
                    break;
                case float f:
                    WriteFloat(json, f);
                    break;
                case decimal m:
                    json.Append(m.ToString(CultureInfo.InvariantCulture));
                    break;
                case byte or sbyte or short or ushort or int or uint or long or ulong:
                    json.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
                    break;
                case Enum e:
                    WriteString(json, e.ToString());
                    break;
                case DateTime dt:
                    WriteString(json, dt.ToString(dt.Kind == DateTimeKind.Unspecified ? "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF" : "o", CultureInfo.InvariantCulture));
                    break;
                case DateTimeOffset dto:
                    WriteString(json, dto.ToString("o", CultureInfo.InvariantCulture));
                    break;
                case Guid or Uri or TimeSpan:
                    WriteString(json, Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty);
                    break;
                case IDictionary map:
                    WriteObject(json, map, depth);
                    break;
                case IEnumerable list:
                    json.Append('[');
                    var first = true;
                    foreach (var item in list)
                    {
                        json.Append(first ? string.Empty : ",");
                        first = false;
                        Write(json, item, depth + 1);
                    }

                    json.Append(']');
                    break;
                default:
                    WriteProperties(json, wrapped ?? PSObject.AsPSObject(value), depth);
                    break;
            }
        }

        private static void WriteObject(StringBuilder json, IDictionary map, int depth)
        {
            json.Append('{');
            var first = true;
            foreach (DictionaryEntry entry in map)
            {
                json.Append(first ? string.Empty : ",");
                first = false;
                WriteString(json, Convert.ToString(Unwrap(entry.Key), CultureInfo.InvariantCulture) ?? string.Empty);
                json.Append(':');
                Write(json, entry.Value, depth + 1);
            }

            json.Append('}');
        }

        /// <summary>A PSCustomObject or any other object: its (adapted and note) properties.</summary>
        private static void WriteProperties(StringBuilder json, PSObject value, int depth)
        {
            json.Append('{');
            var first = true;
            foreach (var property in value.Properties)
            {
                if (!property.IsGettable)
                {
                    continue;
                }

                json.Append(first ? string.Empty : ",");
                first = false;
                WriteString(json, property.Name);
                json.Append(':');
                Write(json, property.Value, depth + 1);
            }

            json.Append('}');
        }

        private static void WriteFloat(StringBuilder json, double value)
        {
            if (double.IsNaN(value) || double.IsInfinity(value))
            {
                throw new ArgumentException(value.ToString(CultureInfo.InvariantCulture) + " has no JSON representation");
            }

            json.Append(value.ToString("R", CultureInfo.InvariantCulture));
        }

        private static void WriteString(StringBuilder json, string value)
        {
            json.Append('"');
            foreach (var c in value)
            {
                switch (c)
                {
                    case '"': json.Append("\\\""); break;
                    case '\\': json.Append("\\\\"); break;
                    case '\n': json.Append("\\n"); break;
                    case '\r': json.Append("\\r"); break;
                    case '\t': json.Append("\\t"); break;
                    case '\b': json.Append("\\b"); break;
                    case '\f': json.Append("\\f"); break;
                    default:
                        if (c < ' ')
                        {
                            json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            json.Append(c);
                        }

                        break;
                }
            }

            json.Append('"');
        }

        private static object? Unwrap(object? value) => value is PSObject wrapped && wrapped.BaseObject is not PSCustomObject ? wrapped.BaseObject : value;
    }
}
