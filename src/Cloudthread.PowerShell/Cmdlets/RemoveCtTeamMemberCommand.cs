using System;
using System.Management.Automation;
using Cloudthread.Client.Models;
using Cloudthread.PowerShell.Completers;
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
        /// <summary>The team (no Id alias: a user piped in binds its Id to -UserId; a member from Get-CtTeamMember binds its TeamId).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(TeamIdCompleter))]
        public string TeamId { get; set; } = string.Empty;

        /// <summary>The users to remove (users piped in bind by their Id).</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        public string[] UserId { get; set; } = Array.Empty<string>();

        /// <summary>Writes the team's members after the change.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override string Action => "Remove members";

        protected override void ProcessRecord() => Collect(TeamId, UserId);

        protected override void EndProcessing() => Send(PassThru, (client, team, users, token) => client.RemoveTeamMembersEachAsync(team, users, token));
    }
}
