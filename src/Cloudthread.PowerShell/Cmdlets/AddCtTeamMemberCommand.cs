using System;
using System.Management.Automation;
using Cloudthread.Client.Models;
using Cloudthread.PowerShell.Completers;
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
        /// <summary>The team (no Id alias: a user piped in binds its Id to -UserId).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(TeamIdCompleter))]
        public string TeamId { get; set; } = string.Empty;

        /// <summary>The users to add (users piped in bind by their Id).</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        public string[] UserId { get; set; } = Array.Empty<string>();

        /// <summary>Writes the team's members after the change.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override string Action => "Add members";

        protected override void ProcessRecord() => Collect(TeamId, UserId);

        protected override void EndProcessing() => Send(PassThru, (client, team, users, token) => client.AddTeamMembersEachAsync(team, users, token));
    }
}
