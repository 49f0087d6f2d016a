using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Cloudthread.Client;
using Cloudthread.Client.Models;
using Cloudthread.PowerShell.Infrastructure;

namespace Cloudthread.PowerShell.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Removes users from a team (Get-CtTeamMember platform | Where-Object Email -like 'bob*' | Remove-CtTeamMember).</para>
    /// <para type="description">Users piped in are collected and removed with one request per team at the end of the pipeline.
    /// Asks for confirmation unless -Confirm:$false.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "CtTeamMember", HelpUri = HelpLinks.Base + "Remove-CtTeamMember.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(User))]
    public sealed class RemoveCtTeamMemberCommand : TeamMembershipCmdlet
    {
        protected override string Action => "Remove members";

        private protected override Task<TeamMemberChange> ChangeAsync(CloudthreadClient client, string teamId, IReadOnlyList<string> userIds, CancellationToken cancellationToken) =>
            client.RemoveTeamMembersEachAsync(teamId, userIds, cancellationToken);
    }
}
