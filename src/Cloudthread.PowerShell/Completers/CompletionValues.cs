using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace Cloudthread.PowerShell.Completers
{
    internal static class CompletionValues
    {
        /// <summary>The values starting with (or, with wildcards, matching) what was typed, quoted when needed.</summary>
        public static IEnumerable<CompletionResult> Matching(IEnumerable<string> values, string? wordToComplete)
        {
            var typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
            // Escaped: what the user typed is a prefix, and a lone '[' must not make the pattern invalid (completers must not throw).
            var pattern = WildcardPattern.Get(WildcardPattern.Escape(typed) + "*", WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
            foreach (var value in values.Distinct(StringComparer.Ordinal).OrderBy(v => v, StringComparer.OrdinalIgnoreCase))
            {
                if (pattern.IsMatch(value))
                {
                    yield return new CompletionResult(Quote(value), value, CompletionResultType.ParameterValue, value);
                }
            }
        }

        private static string Quote(string value) =>
            value.Length > 0 && value.All(c => char.IsLetterOrDigit(c) || c == '-' || c == '_' || c == '.')
                ? value
                : "'" + value.Replace("'", "''") + "'";
    }
}
