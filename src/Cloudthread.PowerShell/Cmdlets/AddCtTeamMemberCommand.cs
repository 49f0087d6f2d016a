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
    /// <para type="synopsis">Adds users to a team (Get-CtUser -Email a@b.c | Add-CtTeamMember -TeamId platform).</para>
    /// <para type="description">Users piped in are collected and added with one request per team at the end of the pipeline.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "CtTeamMember", HelpUri = HelpLinks.Base + "Add-CtTeamMember.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(User))]
    public sealed class AddCtTeamMemberCommand : TeamMembershipCmdlet
    {
        protected override string Action => "Add members";

        private protected override Task<TeamMemberChange> ChangeAsync(CloudthreadClient client, string teamId, IReadOnlyList<string> userIds, CancellationToken cancellationToken) =>
            client.AddTeamMembersEachAsync(teamId, userIds, cancellationToken);
    }
}
