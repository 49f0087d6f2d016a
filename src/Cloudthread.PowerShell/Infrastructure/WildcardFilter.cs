using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace Cloudthread.PowerShell.Infrastructure
{
    /// <summary>Case-insensitive -Name/-Id/-Email filters with PowerShell wildcards.</summary>
    internal static class WildcardFilter
    {
        private const WildcardOptions Options = WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant;

        /// <summary>True when no filter was given or <paramref name="value"/> matches one of <paramref name="patterns"/>.</summary>
        public static bool Matches(string? value, IReadOnlyCollection<string>? patterns) =>
            patterns is null || patterns.Count == 0 || patterns.Any(p => WildcardPattern.Get(p, Options).IsMatch(value ?? string.Empty));

        /// <summary>The filter values without wildcards that match none of <paramref name="values"/> (each one is an error).</summary>
        public static IEnumerable<string> LiteralMisses(IEnumerable<string>? patterns, IEnumerable<string> values)
        {
            if (patterns is null)
            {
                yield break;
            }

            var known = new HashSet<string>(values, StringComparer.OrdinalIgnoreCase);
            foreach (var pattern in patterns)
            {
                if (!WildcardPattern.ContainsWildcardCharacters(pattern) && !known.Contains(pattern))
                {
                    yield return pattern;
                }
            }
        }
    }
}
