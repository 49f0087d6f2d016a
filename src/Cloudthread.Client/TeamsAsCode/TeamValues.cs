using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Cloudthread.Client.Models;

namespace Cloudthread.Client.TeamsAsCode
{
    /// <summary>
    /// A field value in canonical form, so that equal filters compare, export and print alike: lists are sets
    /// (sorted ordinally, without repeats), a blank Slack channel is none, a missing list is empty. Values
    /// themselves are case-sensitive (AWS and GCP treat them so).
    /// </summary>
    internal static class TeamValues
    {
        /// <summary>string? for Text; string[], int[] or IReadOnlyDictionary&lt;string, string&gt;[] (sorted keys) for lists.</summary>
        public static object? Normalize(TeamField field, object? value)
        {
            switch (field.Kind)
            {
                case TeamFieldKind.Text:
                    var text = value as string;
                    return string.IsNullOrWhiteSpace(text) && field.Name != nameof(Team.Name) ? null : text;
                case TeamFieldKind.TextList:
                    return ((IEnumerable<string>?)value ?? Array.Empty<string>()).Distinct(StringComparer.Ordinal).OrderBy(s => s, StringComparer.Ordinal).ToArray();
                case TeamFieldKind.IntegerList:
                    return ((IEnumerable<int>?)value ?? Array.Empty<int>()).Distinct().OrderBy(i => i).ToArray();
                default:
                    return ((IEnumerable<IDictionary<string, string>>?)value ?? Array.Empty<IDictionary<string, string>>())
                        .Where(map => map is not null)
                        .Select(map => (IReadOnlyDictionary<string, string>)new SortedDictionary<string, string>(map, StringComparer.Ordinal))
                        .GroupBy(FormatMap, StringComparer.Ordinal)
                        .OrderBy(g => g.Key, StringComparer.Ordinal)
                        .Select(g => g.First())
                        .ToArray();
            }
        }

        /// <summary>The value as the model holds it (List&lt;string&gt;...), from a normalized value; a copy.</summary>
        public static object? ToModel(TeamField field, object? normalized) => field.Kind switch
        {
            TeamFieldKind.Text => normalized as string,
            TeamFieldKind.TextList => ((string[]?)normalized ?? Array.Empty<string>()).ToList(),
            TeamFieldKind.IntegerList => ((int[]?)normalized ?? Array.Empty<int>()).ToList(),
            _ => ((IReadOnlyDictionary<string, string>[]?)normalized ?? Array.Empty<IReadOnlyDictionary<string, string>>())
                .Select(map => map.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal))
                .ToList(),
        };

        public static bool IsEmpty(object? normalized) => normalized is null || (normalized is Array array && array.Length == 0);

        public static bool AreEqual(TeamField field, object? left, object? right) =>
            string.Equals(Format(field, left), Format(field, right), StringComparison.Ordinal);

        /// <summary>The value as a plan prints it: 'a', 'b' / 1, 2 / @{env='prod'} / (none).</summary>
        public static string Format(TeamField field, object? normalized)
        {
            if (IsEmpty(normalized))
            {
                return "(none)";
            }

            return normalized switch
            {
                string text => Quote(text),
                string[] texts => string.Join(", ", texts.Select(Quote)),
                int[] numbers => string.Join(", ", numbers.Select(n => n.ToString(CultureInfo.InvariantCulture))),
                IReadOnlyDictionary<string, string>[] maps => string.Join(", ", maps.Select(FormatMap)),
                _ => throw new ArgumentException("Not a normalized value of " + field.Name + ".", nameof(normalized)),
            };
        }

        /// <summary>How many values a secret holds: all a plan may say about it.</summary>
        public static string Redacted(object? normalized)
        {
            var count = normalized is Array array ? array.Length : normalized is null ? 0 : 1;
            return count == 0 ? "(none)" : count == 1 ? "(1 secret value)" : "(" + count.ToString(CultureInfo.InvariantCulture) + " secret values)";
        }

        /// <summary>A PowerShell single-quoted string (the quote characters PowerShell accepts are doubled).</summary>
        public static string Quote(string text)
        {
            var quoted = new StringBuilder(text.Length + 2).Append('\'');
            foreach (var c in text)
            {
                if (IsSingleQuote(c))
                {
                    quoted.Append(c);
                }

                quoted.Append(c);
            }

            return quoted.Append('\'').ToString();
        }

        // PowerShell reads the typographic single quotes as quotes too (CodeGeneration.EscapeSingleQuotedStringContent).
        private static bool IsSingleQuote(char c) => c == '\'' || c == '\u2018' || c == '\u2019' || c == '\u201A' || c == '\u201B';

        private static string FormatMap(IReadOnlyDictionary<string, string> map) =>
            "@{" + string.Join("; ", map.Select(p => Quote(p.Key) + "=" + Quote(p.Value))) + "}";
    }
}
