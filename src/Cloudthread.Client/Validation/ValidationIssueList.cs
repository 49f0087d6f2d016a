using System.Collections.Generic;
using System.Globalization;

namespace Cloudthread.Client.Validation
{
    /// <summary>Collects every problem of one input (all items, all fields) so the caller sees them all at once.</summary>
    internal sealed class ValidationIssueList
    {
        private readonly List<ValidationIssue> _issues = new List<ValidationIssue>();

        public int Count => _issues.Count;

        public IReadOnlyList<ValidationIssue> Issues => _issues;

        public void Add(string path, string message, int? itemIndex = null) => _issues.Add(new ValidationIssue(path, message, itemIndex));

        /// <summary>Requires a non-blank string.</summary>
        public void Required(string? value, string path, int? itemIndex = null)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                Add(path, value is null ? "is required" : "must not be empty", itemIndex);
            }
        }

        /// <summary>Requires a value usable as one URL path segment (the client escapes it; "." and ".." cannot be escaped).</summary>
        public void PathSegment(string? value, string path)
        {
            Required(value, path);
            if (value == "." || value == "..")
            {
                Add(path, "'" + value + "' cannot be used as an id in a URL path");
            }
        }

        /// <summary>Rejects null (and, for strings, blank) entries of an optional list.</summary>
        public void NoBlankItems<T>(IReadOnlyList<T>? items, string path)
        {
            if (items is null)
            {
                return;
            }

            for (var i = 0; i < items.Count; i++)
            {
                var item = items[i];
                if (item is null || (item is string s && s.Trim().Length == 0))
                {
                    Add(Indexed(path, i), item is null ? "is null" : "must not be empty", i);
                }
            }
        }

        public void ThrowIfAny()
        {
            if (_issues.Count > 0)
            {
                throw new CloudthreadValidationException(_issues.ToArray());
            }
        }

        /// <summary>Caller input quoted in a message is cut short: an error names the value, it does not repeat a novel.</summary>
        public static string Shorten(string s) => s.Length <= 60 ? s : s.Substring(0, 60) + "...";

        public static string Indexed(string path, int index) => path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";
    }
}
