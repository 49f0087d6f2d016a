using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Cloudthread.Client.TeamsAsCode;

namespace Cloudthread.Client
{
    /// <summary>Teams as code: read the organisation's teams with their members, and apply the changes of a <see cref="TeamPlan"/>.</summary>
    public sealed partial class CloudthreadClient
    {
        /// <summary>Every team with its members' emails, and the users (GET /teams, GET /users, one GET per team's members).</summary>
        public async Task<TeamsSnapshot> GetTeamsSnapshotAsync(CancellationToken cancellationToken = default)
        {
            var teams = await GetTeamsAsync(cancellationToken).ConfigureAwait(false);
            var users = await GetUsersAsync(cancellationToken).ConfigureAwait(false);
            var definitions = new List<TeamDefinition>(teams.Count);
            foreach (var team in teams)
            {
                var members = await GetTeamMembersAsync(team.Id, cancellationToken).ConfigureAwait(false);
                definitions.Add(new TeamDefinition(team, members.Select(m => m.Email).Where(e => !string.IsNullOrEmpty(e))));
            }

            return new TeamsSnapshot(definitions, users);
        }

        /// <summary>
        /// Applies changes of one team and one action with one request: a Create or a Delete; all Updates as one
        /// read-merge-PATCH; AddMembers or RemoveMembers as one member request.
        /// </summary>
        /// <exception cref="ArgumentException">The changes are of several teams or actions, or several Creates or Deletes.</exception>
        public async Task ApplyTeamChangesAsync(IReadOnlyList<TeamChange> changes, CancellationToken cancellationToken = default)
        {
            if (changes is null || changes.Count == 0)
            {
                throw new ArgumentException("At least one change is required.", nameof(changes));
            }

            var first = changes[0];
            var single = first.Action == TeamChangeAction.Create || first.Action == TeamChangeAction.Delete;
            if (changes.Any(c => c.TeamId != first.TeamId || c.Action != first.Action) || (single && changes.Count > 1))
            {
                throw new ArgumentException("The changes must be one step of a plan (TeamPlan.Steps): one team, one action.", nameof(changes));
            }

            switch (first.Action)
            {
                case TeamChangeAction.Create:
                    await CreateTeamAsync(first.NewTeam!, cancellationToken).ConfigureAwait(false);
                    break;
                case TeamChangeAction.Update:
                    await UpdateTeamAsync(first.TeamId, TeamPlan.ToUpdate(changes), cancellationToken).ConfigureAwait(false);
                    break;
                case TeamChangeAction.AddMember:
                    await AddTeamMembersAsync(first.TeamId, UserIds(changes), cancellationToken).ConfigureAwait(false);
                    break;
                case TeamChangeAction.RemoveMember:
                    await RemoveTeamMembersAsync(first.TeamId, UserIds(changes), cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    await DeleteTeamAsync(first.TeamId, cancellationToken).ConfigureAwait(false);
                    break;
            }
        }

        // A member change always carries its user id (TeamPlan resolves emails against the snapshot's users).
        private static List<string> UserIds(IEnumerable<TeamChange> changes) => changes.Select(c => c.UserId ?? string.Empty).ToList();
    }
}
