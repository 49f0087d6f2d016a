using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;

namespace Cloudthread.PowerShell.Infrastructure
{
    /// <summary>The client's JSON tree (ordered dictionaries, lists, scalars) as PowerShell objects.</summary>
    internal static class JsonObjects
    {
        /// <summary>Objects become PSCustomObjects with properties in document order; arrays become object[].</summary>
        /// <exception cref="JsonKeyCaseConflictException">An object has keys that differ only in case, which one PSObject cannot hold.</exception>
        public static object? ToPSObject(object? value)
        {
            switch (value)
            {
                case IDictionary<string, object?> map:
                    var result = new PSObject();
                    var seen = new Dictionary<string, string>(map.Count, StringComparer.OrdinalIgnoreCase);
                    foreach (var pair in map)
                    {
                        if (seen.TryGetValue(pair.Key, out var earlier))
                        {
                            throw new JsonKeyCaseConflictException(earlier, pair.Key);
                        }

                        seen.Add(pair.Key, pair.Key);
                        result.Properties.Add(new PSNoteProperty(pair.Key, Within("." + pair.Key, pair.Value)));
                    }

                    return result;
                case string text:
                    return text;
                case IList list:
                    return ToArray(list, (i, item) => Within("[" + i.ToString(CultureInfo.InvariantCulture) + "]", item));
                default:
                    return value;
            }
        }

        /// <summary>
        /// Objects become ordered dictionaries whose keys are case-sensitive (-AsHashtable, as ConvertFrom-Json
        /// -AsHashtable): keys that differ only in case are both kept. Arrays become object[].
        /// </summary>
        public static object? ToHashtable(object? value)
        {
            switch (value)
            {
                case IDictionary<string, object?> map:
                    var result = new System.Collections.Specialized.OrderedDictionary(map.Count, StringComparer.Ordinal);
                    foreach (var pair in map)
                    {
                        result[pair.Key] = ToHashtable(pair.Value);
                    }

                    return result;
                case string text:
                    return text;
                case IList list:
                    return ToArray(list, (_, item) => ToHashtable(item));
                default:
                    return value;
            }
        }

        /// <summary>A JSON array as object[], each item converted (given its index, for error paths).</summary>
        private static object?[] ToArray(IList list, Func<int, object?, object?> convert)
        {
            var array = new object?[list.Count];
            for (var i = 0; i < array.Length; i++)
            {
                array[i] = convert(i, list[i]);
            }

            return array;
        }

        private static object? Within(string segment, object? value)
        {
            try
            {
                return ToPSObject(value);
            }
            catch (JsonKeyCaseConflictException ex)
            {
                ex.Path = segment + ex.Path;
                throw;
            }
        }
    }

    /// <summary>Two keys of one JSON object differ only in case: a PowerShell object's properties cannot tell them apart.</summary>
    internal sealed class JsonKeyCaseConflictException : Exception
    {
        public JsonKeyCaseConflictException(string first, string second)
            : base("keys '" + first + "' and '" + second + "' differ only in case")
        {
            First = first;
            Second = second;
        }

        public string First { get; }

        public string Second { get; }

        /// <summary>Where the object is, from the root: <c>.items[2]</c>; empty for the root itself.</summary>
        public string Path { get; set; } = string.Empty;
    }
}
