using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Cloudthread.Client;
using Cloudthread.Client.Models;
using Cloudthread.PowerShell.Cmdlets;

namespace Cloudthread.PowerShell.Infrastructure
{
    /// <summary>
    /// Add-CtTeamMember and Remove-CtTeamMember: collect (team, user) pairs across the pipeline, then one request
    /// per team (one ShouldProcess per team) at the end.
    /// </summary>
    public abstract class TeamMembershipCmdlet : CloudthreadCmdlet
    {
        private readonly Dictionary<string, List<string>> _usersByTeam = new Dictionary<string, List<string>>(StringComparer.Ordinal);

        protected abstract string Action { get; }

        protected override string? NotFoundErrorId => ErrorIds.TeamNotFound;

        internal void Collect(string teamId, IEnumerable<string> userIds)
        {
            if (!_usersByTeam.TryGetValue(teamId, out var users))
            {
                users = new List<string>();
                _usersByTeam.Add(teamId, users);
            }

            foreach (var id in userIds)
            {
                if (!string.IsNullOrWhiteSpace(id) && !users.Contains(id, StringComparer.Ordinal))
                {
                    users.Add(id);
                }
            }
        }

        internal void Send(bool passThru, Func<CloudthreadClient, string, IReadOnlyList<string>, CancellationToken, Task<TeamMemberChange>> change)
        {
            var index = 0;
            foreach (var pair in _usersByTeam)
            {
                WriteItemProgress(Action, "Team '" + pair.Key + "'", index++, _usersByTeam.Count);
                var teamId = pair.Key;
                var users = pair.Value;
                if (users.Count == 0 || !ShouldProcessChange("Team '" + teamId + "': " + string.Join(", ", users), Action))
                {
                    continue;
                }

                try
                {
                    var result = CallClient(token => change(Client, teamId, users, token));
                    foreach (var refusal in result.Refusals)
                    {
                        // One error per user the server refused, with that user as the target.
                        WriteClientError(refusal.Error, refusal.Items.Count == 1 ? refusal.Items[0] : (object)refusal.Items);
                    }

                    if (passThru && result.Members is { } members)
                    {
                        foreach (var member in members)
                        {
                            WriteObject(GetCtTeamMemberCommand.AsTeamMember(member, teamId));
                        }
                    }
                }
                catch (CloudthreadException ex)
                {
                    WriteClientError(ex, teamId);
                }
            }

            CompleteItemProgress(Action, _usersByTeam.Count);
        }
    }
}
