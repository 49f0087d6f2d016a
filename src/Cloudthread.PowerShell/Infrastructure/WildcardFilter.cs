using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace Cloudthread.PowerShell.Infrastructure
{
    /// <summary>
    /// One case-insensitive -Name/-Id/-Email filter with PowerShell wildcards. A malformed pattern (<c>[a</c>) is
    /// reported by the cmdlet as InvalidWildcardPattern and matches nothing; the filter's other patterns still apply.
    /// </summary>
    internal sealed class WildcardFilter
    {
        private const WildcardOptions Options = WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant;

        private readonly List<WildcardPattern> _patterns;

        private WildcardFilter(List<WildcardPattern> patterns) => _patterns = patterns;

        /// <summary>
        /// The filter for <paramref name="patterns"/>, or null when none was given (everything matches). Malformed
        /// patterns are left out and added to <paramref name="invalid"/>, with why.
        /// </summary>
        public static WildcardFilter? Create(IReadOnlyCollection<string>? patterns, ICollection<(string Pattern, WildcardPatternException Error)> invalid)
        {
            if (patterns is null || patterns.Count == 0)
            {
                return null;
            }

            var compiled = new List<WildcardPattern>(patterns.Count);
            foreach (var text in patterns)
            {
                var pattern = WildcardPattern.Get(text, Options);
                try
                {
                    // Parsed on first use: a malformed pattern throws here, once, instead of for every value.
                    pattern.IsMatch(string.Empty);
                    compiled.Add(pattern);
                }
                catch (WildcardPatternException ex)
                {
                    invalid.Add((text, ex));
                }
            }

            return new WildcardFilter(compiled);
        }

        /// <summary>True when no filter was given or <paramref name="value"/> matches one of its valid patterns.</summary>
        public static bool Matches(string? value, WildcardFilter? filter) =>
            filter is null || filter._patterns.Any(p => p.IsMatch(value ?? string.Empty));

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
