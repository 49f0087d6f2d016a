using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;

namespace Cloudthread.Client
{
    /// <summary>
    /// Query-string values of a raw request (<see cref="CloudthreadClient.SendAsync(string, string, IReadOnlyDictionary{string, string}, string, System.Threading.CancellationToken)"/>) from loosely typed values:
    /// a date at midnight is yyyy-MM-dd (the API's date format), a list is its items comma-separated, anything else
    /// <see cref="CloudthreadText.Of"/> (null empty, booleans lower-case, other times ISO 8601, numbers invariant).
    /// </summary>
    public static class ApiQuery
    {
        /// <param name="values">Names and values, in order; a later duplicate name wins.</param>
        /// <param name="unwrap">Applied to every value and list item first (a host's wrapper objects), or null.</param>
        public static Dictionary<string, string> FromValues(IEnumerable<KeyValuePair<string, object?>> values, Func<object?, object?>? unwrap = null)
        {
            if (values is null)
            {
                throw new ArgumentNullException(nameof(values));
            }

            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var pair in values)
            {
                result[pair.Key ?? string.Empty] = Format(pair.Value, unwrap, allowList: true);
            }

            return result;
        }

        /// <summary>One value as query text (see the type's rules).</summary>
        public static string FormatValue(object? value, Func<object?, object?>? unwrap = null) => Format(value, unwrap, allowList: true);

        private static string Format(object? value, Func<object?, object?>? unwrap, bool allowList)
        {
            var plain = unwrap is null ? value : unwrap(value);
            switch (plain)
            {
                case string text:
                    return text;
                case DateTime date when date.TimeOfDay == TimeSpan.Zero:
                    return date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                case IEnumerable list when allowList:
                    var items = new List<string>();
                    foreach (var item in list)
                    {
                        // One level: a list inside a list has no query form, so it is its text.
                        items.Add(Format(item, unwrap, allowList: false));
                    }

                    return string.Join(",", items);
                default:
                    return CloudthreadText.Of(plain);
            }
        }
    }
}
