using System;
using System.Collections.Generic;
using System.Linq;
using Cloudthread.Client.Models;
using static Cloudthread.Client.TeamsAsCode.TeamsFileNodes;

namespace Cloudthread.Client.TeamsAsCode
{
    /// <summary>
    /// Checks and converts the values of one team of a teams file into the model's types, reporting each problem
    /// under the team and the key. A single value where a list is expected is a list of one (friendly to .psd1).
    /// </summary>
    internal sealed class TeamValueReader
    {
        private readonly string? _teamId;
        private readonly int _index;
        private readonly List<ValidationIssue> _issues;

        public TeamValueReader(string? teamId, int index, List<ValidationIssue> issues)
        {
            _teamId = string.IsNullOrWhiteSpace(teamId) ? null : teamId;
            _index = index;
            _issues = issues;
        }

        /// <summary>True once a problem was reported for this team.</summary>
        public bool Failed { get; private set; }

        public void Add(string key, string message)
        {
            Failed = true;
            _issues.Add(new ValidationIssue(TeamsFileException.PathOf(_teamId, _index, key), message, _index));
        }

        /// <summary>The value in the model's type; null for an absent or null list (empty).</summary>
        public object? Value(TeamField field, object? node)
        {
            switch (field.Kind)
            {
                case TeamFieldKind.Text:
                    return Text(field, node);
                case TeamFieldKind.TextList:
                    return Unique(field.Name, Items(node).Select((item, i) => NonBlank(field.Name, item, i)).Where(s => s is not null).Select(s => s!).ToList());
                case TeamFieldKind.IntegerList:
                    return Unique(field.Name, Items(node).Select((item, i) => Integer(field.Name, item, i)).Where(n => n is not null).Select(n => n!.Value).ToList());
                default:
                    return Items(node).Select((item, i) => Map(field.Name, item, i)).Where(m => m is not null).Select(m => m!).ToList();
            }
        }

        /// <summary>Member emails: non-blank strings with an @, each once (case-insensitive).</summary>
        public List<string> Emails(string key, object? node)
        {
            var emails = new List<string>();
            var items = Items(node);
            for (var i = 0; i < items.Count; i++)
            {
                var email = NonBlank(key, items[i], i);
                if (email is null)
                {
                    continue;
                }

                if (email.IndexOf('@') <= 0)
                {
                    Add(key, "item " + i + ": '" + email + "' is not an email address");
                }
                else if (emails.Contains(email, StringComparer.OrdinalIgnoreCase))
                {
                    Add(key, "'" + email + "' is listed more than once");
                }
                else
                {
                    emails.Add(email);
                }
            }

            return emails;
        }

        private string? Text(TeamField field, object? node)
        {
            if (node is string text && (field.Name != nameof(Team.Name) || text.Trim().Length > 0))
            {
                return text;
            }

            if (node is null && field.Name != nameof(Team.Name))
            {
                return null;
            }

            Add(field.Name, "must be a " + (field.Name == nameof(Team.Name) ? "non-blank " : string.Empty) + "string, not " + TeamsFile.Describe(node));
            return null;
        }

        private static List<object?> Items(object? node)
        {
            if (node is List<object?> list)
            {
                return list;
            }

            return node is null ? new List<object?>() : new List<object?> { node };
        }

        private string? NonBlank(string key, object? item, int index)
        {
            if (item is string text && text.Trim().Length > 0)
            {
                return text;
            }

            Add(key, "item " + index + " must be a non-blank string, not " + TeamsFile.Describe(item));
            return null;
        }

        private int? Integer(string key, object? item, int index)
        {
            if (item is long number && number >= int.MinValue && number <= int.MaxValue)
            {
                return (int)number;
            }

            Add(key, "item " + index + " must be an integer, not " + TeamsFile.Describe(item));
            return null;
        }

        // A repeat is a slip (a set needs each value once): reported rather than silently merged.
        private List<T> Unique<T>(string key, List<T> values)
        {
            foreach (var repeated in values.GroupBy(v => v).Where(g => g.Count() > 1))
            {
                Add(key, TeamsFile.Describe(repeated.Key) + " is listed more than once");
            }

            return values;
        }

        private Dictionary<string, string>? Map(string key, object? item, int index)
        {
            if (!(item is FileObject node) || node.Entries.Count == 0)
            {
                Add(key, "item " + index + " must be an object of names to strings (@{ env = 'prod' }), not " + (item is FileObject ? "an empty one" : TeamsFile.Describe(item)));
                return null;
            }

            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var entry in node.Entries)
            {
                if (entry.Key.Trim().Length == 0 || !(entry.Value is string value))
                {
                    Add(key, "item " + index + ": '" + entry.Key + "' must be a non-blank name with a string value, not " + TeamsFile.Describe(entry.Value));
                }
                else if (map.ContainsKey(entry.Key))
                {
                    Add(key, "item " + index + ": '" + entry.Key + "' is given more than once");
                }
                else
                {
                    map.Add(entry.Key, value);
                }
            }

            return map;
        }
    }
}
