using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Cloudthread.Client.Models;
using static Cloudthread.Client.TeamsAsCode.TeamsFileNodes;

namespace Cloudthread.Client.TeamsAsCode
{
    /// <summary>
    /// Teams files (about_Cloudthread_TeamsAsCode): <c>{ "Teams": [ { "Id", "Name", fields..., "Members" } ] }</c> as
    /// JSON or as a .psd1 hashtable. Keys are the <see cref="TeamFields"/> names, case-insensitive. Every problem is
    /// reported at once, naming the file, the team and the key.
    /// </summary>
    public static partial class TeamsFile
    {
        /// <summary>The JSON schema of teams files (schemas/teams.schema.json in the repository).</summary>
        public const string SchemaUri = "https://raw.githubusercontent.com/cloudthreadps/CloudthreadPS/main/schemas/teams.schema.json";

        private const string TeamsKey = "Teams";
        private const string SchemaKey = "$schema";
        private const string IdKey = "Id";
        private const string MembersKey = "Members";

        /// <summary>Reads a JSON teams file (comments and trailing commas allowed).</summary>
        /// <exception cref="TeamsFileException">The text is not JSON, or breaks a rule of teams files.</exception>
        public static TeamsDocument ReadJson(string json, string source)
        {
            object? root;
            try
            {
                var options = new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };
                using var document = JsonDocument.Parse(json ?? throw new ArgumentNullException(nameof(json)), options);
                root = FromJson(document.RootElement);
            }
            catch (JsonException ex)
            {
                var where = ex.LineNumber is long line ? "line " + (line + 1) + ", column " + ((ex.BytePositionInLine ?? 0) + 1) : "the text";
                throw new TeamsFileException(source, new[] { new ValidationIssue(where, "not valid JSON (" + FirstSentence(ex.Message) + ")") });
            }

            return Read(root, source);
        }

        /// <summary>Reads a teams file already evaluated to data: the hashtable of a .psd1 file (hashtables, arrays, strings, integers).</summary>
        /// <exception cref="TeamsFileException">The data breaks a rule of teams files.</exception>
        public static TeamsDocument ReadData(object? data, string source) => Read(FromData(data), source);

        private static TeamsDocument Read(object? root, string source)
        {
            var issues = new List<ValidationIssue>();
            var teams = new List<TeamDefinition>();
            if (!(root is FileObject document))
            {
                issues.Add(new ValidationIssue("the file", "must hold an object with a '" + TeamsKey + "' list, not " + KindOf(root)));
                throw new TeamsFileException(source, issues);
            }

            List<object?>? teamNodes = null;
            foreach (var entry in Distinct(document, issues, "the file"))
            {
                if (string.Equals(entry.Key, TeamsKey, StringComparison.OrdinalIgnoreCase))
                {
                    teamNodes = entry.Value as List<object?>;
                    if (teamNodes is null)
                    {
                        issues.Add(new ValidationIssue("key '" + TeamsKey + "'", "must be a list of teams, not " + KindOf(entry.Value)));
                    }
                }
                else if (!string.Equals(entry.Key, SchemaKey, StringComparison.Ordinal))
                {
                    issues.Add(new ValidationIssue("key '" + entry.Key + "'", "unknown key (a teams file has '" + TeamsKey + "' and, optionally, '" + SchemaKey + "')"));
                }
            }

            if (teamNodes is null && issues.Count == 0)
            {
                issues.Add(new ValidationIssue("the file", "has no '" + TeamsKey + "' list"));
            }

            var firstIndexById = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; teamNodes is not null && i < teamNodes.Count; i++)
            {
                var (id, team) = ReadTeam(teamNodes[i], i, issues);
                if (id is null)
                {
                    continue;
                }

                // Checked also for a team with other problems, so that all of them are reported at once.
                if (firstIndexById.TryGetValue(id, out var first))
                {
                    issues.Add(new ValidationIssue(TeamsFileException.PathOf(id, i, IdKey), "duplicate team id (also Teams[" + first + "])", i));
                    continue;
                }

                firstIndexById.Add(id, i);
                if (team is not null)
                {
                    teams.Add(team);
                }
            }

            if (issues.Count > 0)
            {
                throw new TeamsFileException(source, issues);
            }

            return new TeamsDocument(source, teams);
        }

        /// <summary>The team's id when it has a valid one, and the team when it has no problem.</summary>
        private static (string? Id, TeamDefinition? Team) ReadTeam(object? node, int index, List<ValidationIssue> issues)
        {
            if (!(node is FileObject entries))
            {
                issues.Add(new ValidationIssue(TeamsFileException.PathOf(null, index, null), "must be an object, not " + KindOf(node), index));
                return (null, null);
            }

            var idNode = entries.Entries.FirstOrDefault(e => string.Equals(e.Key, IdKey, StringComparison.OrdinalIgnoreCase)).Value;
            var id = idNode as string;
            var values = new TeamValueReader(id, index, issues);
            var validId = !(string.IsNullOrWhiteSpace(id) || id == "." || id == "..");
            if (!validId)
            {
                values.Add(IdKey, idNode is null ? "is required" : "must be a team id (a non-blank string other than '.' or '..'), not " + Describe(idNode));
            }

            var team = new Team { Id = id ?? string.Empty };
            var members = new List<string>();
            var hasName = false;
            foreach (var entry in Distinct(entries, issues, TeamsFileException.PathOf(id, index, null)))
            {
                var field = TeamFields.Find(entry.Key);
                if (string.Equals(entry.Key, IdKey, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }
                else if (string.Equals(entry.Key, MembersKey, StringComparison.OrdinalIgnoreCase))
                {
                    members = values.Emails(MembersKey, entry.Value);
                }
                else if (field is null)
                {
                    var meant = TeamFields.All.FirstOrDefault(f => string.Equals(f.ParameterName, entry.Key, StringComparison.OrdinalIgnoreCase));
                    values.Add(entry.Key, meant is null
                        ? "unknown key (see about_Cloudthread_TeamsAsCode for the keys)"
                        : "unknown key; did you mean '" + meant.Name + "'?");
                }
                else
                {
                    hasName |= field.Name == nameof(Team.Name);
                    field.SetValue(team, values.Value(field, entry.Value));
                }
            }

            if (!hasName)
            {
                values.Add(nameof(Team.Name), "is required");
            }

            return (validId ? id : null, values.Failed ? null : new TeamDefinition(team, members));
        }

        /// <summary>The entries of an object, each key once (a repeat, in any case, is reported and skipped).</summary>
        private static IEnumerable<KeyValuePair<string, object?>> Distinct(FileObject node, List<ValidationIssue> issues, string where)
        {
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var entry in node.Entries)
            {
                if (seen.Add(entry.Key))
                {
                    yield return entry;
                }
                else
                {
                    issues.Add(new ValidationIssue(where + ", key '" + entry.Key + "'", "the key is given more than once"));
                }
            }
        }

        internal static string Describe(object? node) => node switch
        {
            string text => "'" + text + "'",
            int _ or long _ => CloudthreadText.Of(node),
            _ => KindOf(node),
        };

        private static string FirstSentence(string message)
        {
            var end = message.IndexOf(". ", StringComparison.Ordinal);
            return (end < 0 ? message : message.Substring(0, end)).TrimEnd('.');
        }
    }
}
