using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Cloudthread.Client.TeamsAsCode
{
    /// <summary>
    /// A teams file that cannot be applied (unknown key, duplicate team id, unknown member email, invalid value):
    /// raised before anything is changed. Each issue's path names the team and the key.
    /// </summary>
    public sealed class TeamsFileException : CloudthreadException
    {
        private const int IssuesInMessage = 20;

        public TeamsFileException(string source, IReadOnlyList<ValidationIssue> issues)
            : base(CloudthreadErrorKind.Validation, BuildMessage(source, issues))
        {
            FileName = source;
            Issues = issues;
        }

        /// <summary>The file name, as the messages name it.</summary>
        public string FileName { get; }

        public IReadOnlyList<ValidationIssue> Issues { get; }

        /// <summary>The path of an issue about a key of a team: <c>team 'sre', key 'AwsRegionNames'</c>.</summary>
        internal static string PathOf(string? teamId, int index, string? key)
        {
            var team = string.IsNullOrEmpty(teamId)
                ? "Teams[" + index.ToString(CultureInfo.InvariantCulture) + "]"
                : "team '" + teamId + "'";
            return key is null ? team : team + ", key '" + key + "'";
        }

        private static string BuildMessage(string source, IReadOnlyList<ValidationIssue> issues)
        {
            if (issues is null || issues.Count == 0)
            {
                throw new ArgumentException("At least one issue is required.", nameof(issues));
            }

            if (issues.Count == 1)
            {
                return source + ": " + issues[0] + ". Nothing was changed.";
            }

            var lines = issues.Take(IssuesInMessage).Select(i => "  " + source + ": " + i);
            var more = issues.Count > IssuesInMessage ? Environment.NewLine + "  ... and " + (issues.Count - IssuesInMessage).ToString(CultureInfo.InvariantCulture) + " more" : string.Empty;
            return source + " has " + issues.Count.ToString(CultureInfo.InvariantCulture) + " problems; nothing was changed:" + Environment.NewLine
                + string.Join(Environment.NewLine, lines) + more;
        }
    }
}
