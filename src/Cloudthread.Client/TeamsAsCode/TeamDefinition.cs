using System;
using System.Collections.Generic;
using System.Linq;
using Cloudthread.Client.Models;

namespace Cloudthread.Client.TeamsAsCode
{
    /// <summary>A team with its members by email: one entry of a teams file, or of the organisation as read.</summary>
    public sealed class TeamDefinition
    {
        public TeamDefinition(Team team, IEnumerable<string>? memberEmails)
        {
            Team = team ?? throw new ArgumentNullException(nameof(team));
            Members = (memberEmails ?? Enumerable.Empty<string>()).ToList().AsReadOnly();
        }

        /// <summary>
        /// The team. In a teams file, a null secret field (CustomStreamTokens) means "not managed by the file"; every
        /// other null field means empty.
        /// </summary>
        public Team Team { get; }

        /// <summary>Member emails (compared case-insensitively).</summary>
        public IReadOnlyList<string> Members { get; }

        public string Id => Team.Id;

        public override string ToString() => Team.Id;
    }

    /// <summary>A teams file as read: where it came from (for messages) and its teams, in file order.</summary>
    public sealed class TeamsDocument
    {
        public TeamsDocument(string source, IEnumerable<TeamDefinition> teams)
        {
            Source = source ?? throw new ArgumentNullException(nameof(source));
            Teams = (teams ?? throw new ArgumentNullException(nameof(teams))).ToList().AsReadOnly();
            var repeated = Teams.GroupBy(t => t.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (repeated is not null)
            {
                throw new ArgumentException("Team id '" + repeated.Key + "' is given more than once.", nameof(teams));
            }
        }

        /// <summary>The file name, as errors name it.</summary>
        public string Source { get; }

        public IReadOnlyList<TeamDefinition> Teams { get; }
    }

    /// <summary>The organisation's teams with their members, and its users (to turn member emails into user ids).</summary>
    public sealed class TeamsSnapshot
    {
        public TeamsSnapshot(IEnumerable<TeamDefinition> teams, IEnumerable<User> users)
        {
            Teams = (teams ?? throw new ArgumentNullException(nameof(teams))).ToList().AsReadOnly();
            Users = (users ?? throw new ArgumentNullException(nameof(users))).ToList().AsReadOnly();
        }

        public IReadOnlyList<TeamDefinition> Teams { get; }

        public IReadOnlyList<User> Users { get; }

        /// <summary>The user with this email (case-insensitive), or null.</summary>
        public User? FindUser(string email) =>
            Users.FirstOrDefault(u => string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase));
    }
}
