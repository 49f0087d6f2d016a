using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Cloudthread.Client;
using Cloudthread.Client.Models;
using Cloudthread.PowerShell.Cmdlets;
using Cloudthread.PowerShell.Completers;

namespace Cloudthread.PowerShell.Infrastructure
{
    /// <summary>
    /// Add-CtTeamMember and Remove-CtTeamMember: the same parameters; collect (team, user) pairs across the pipeline,
    /// then one request per team (one ShouldProcess per team) at the end. They differ only in the change they send.
    /// </summary>
    public abstract class TeamMembershipCmdlet : ItemByItemCmdlet
    {
        private readonly Dictionary<string, List<string>> _usersByTeam = new Dictionary<string, List<string>>(StringComparer.Ordinal);

        /// <summary>The team (no Id alias: a user piped in binds its Id to -UserId; a member from Get-CtTeamMember binds its TeamId).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(TeamIdCompleter))]
        public string TeamId { get; set; } = string.Empty;

        /// <summary>The users (users piped in bind by their Id).</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        public string[] UserId { get; set; } = Array.Empty<string>();

        /// <summary>Writes the team's members after the change.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>What ShouldProcess and the progress bar call the change ("Add members").</summary>
        protected abstract string Action { get; }

        protected override string? NotFoundErrorId => ErrorIds.TeamNotFound;

        /// <summary>The one request that changes a team's members.</summary>
        private protected abstract Task<TeamMemberChange> ChangeAsync(CloudthreadClient client, string teamId, IReadOnlyList<string> userIds, CancellationToken cancellationToken);

        protected override void ProcessRecord() => Collect(TeamId, UserId);

        protected override void EndProcessing() => SendEachTeam();

        private void Collect(string teamId, IEnumerable<string> userIds)
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

        private void SendEachTeam() =>
            ForEachItem(Action, "Team", _usersByTeam.Keys.ToList(), teamId =>
            {
                var users = _usersByTeam[teamId];
                if (users.Count == 0 || !ShouldProcessChange("Team '" + teamId + "': " + string.Join(", ", users), Action))
                {
                    return;
                }

                var result = CallClient(token => ChangeAsync(Client, teamId, users, token));
                foreach (var refusal in result.Refusals)
                {
                    // One error per user the server refused, with that user as the target.
                    WriteClientError(refusal.Error, refusal.Items.Count == 1 ? refusal.Items[0] : (object)refusal.Items);
                }

                if (PassThru && result.Members is { } members)
                {
                    foreach (var member in members)
                    {
                        WriteObject(GetCtTeamMemberCommand.AsTeamMember(member, teamId));
                    }
                }
            });
    }
}
