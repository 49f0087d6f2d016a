using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace Cloudthread.Client.TeamsAsCode
{
    /// <summary>
    /// The neutral tree both file formats are read into, so that one set of rules checks them: an object is a
    /// <see cref="FileObject"/> (its keys in file order, repeats kept so that they can be reported), an array a
    /// List&lt;object?&gt;, a number a long (or a double when it has a fraction), and strings, booleans and null as they are.
    /// </summary>
    internal static class TeamsFileNodes
    {
        internal sealed class FileObject
        {
            public List<KeyValuePair<string, object?>> Entries { get; } = new List<KeyValuePair<string, object?>>();
        }

        public static object? FromJson(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    var result = new FileObject();
                    foreach (var property in element.EnumerateObject())
                    {
                        result.Entries.Add(new KeyValuePair<string, object?>(property.Name, FromJson(property.Value)));
                    }

                    return result;
                case JsonValueKind.Array:
                    return element.EnumerateArray().Select(FromJson).ToList();
                case JsonValueKind.String:
                    return element.GetString();
                case JsonValueKind.Number:
                    return element.TryGetInt64(out var integer) ? integer : (object)element.GetDouble();
                case JsonValueKind.True:
                    return true;
                case JsonValueKind.False:
                    return false;
                default:
                    return null;
            }
        }

        /// <summary>Plain .NET data (hashtables, arrays, strings, numbers), as a .psd1 file evaluates to.</summary>
        public static object? FromData(object? value)
        {
            switch (value)
            {
                case null:
                case string _:
                case bool _:
                    return value;
                case char c:
                    return c.ToString();
                case IDictionary map:
                    var result = new FileObject();
                    foreach (DictionaryEntry entry in map)
                    {
                        result.Entries.Add(new KeyValuePair<string, object?>(CloudthreadText.Of(entry.Key), FromData(entry.Value)));
                    }

                    // A hashtable has no order: sorted keys keep the messages stable.
                    result.Entries.Sort((a, b) => StringComparer.OrdinalIgnoreCase.Compare(a.Key, b.Key));
                    return result;
                case IEnumerable items:
                    return items.Cast<object?>().Select(FromData).ToList();
                case sbyte _:
                case byte _:
                case short _:
                case ushort _:
                case int _:
                case uint _:
                case long _:
                    return Convert.ToInt64(value, CultureInfo.InvariantCulture);
                case float _:
                case double _:
                case decimal _:
                    var number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                    return number == Math.Floor(number) && Math.Abs(number) < long.MaxValue ? (long)number : (object)number;
                default:
                    // Anything else (a date, a script block) cannot come from a teams file: reported by type.
                    return value;
            }
        }

        /// <summary>How an error names a value's type.</summary>
        public static string KindOf(object? node) => node switch
        {
            null => "null",
            string _ => "a string",
            bool _ => "a boolean",
            long _ => "an integer",
            double _ => "a number",
            FileObject _ => "an object",
            IList _ => "an array",
            _ => "a " + node.GetType().Name,
        };
    }
}
