using System;
using System.Management.Automation;
using Cloudthread.Client.Models;
using Cloudthread.PowerShell.Completers;
using Cloudthread.PowerShell.Infrastructure;

namespace Cloudthread.PowerShell.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Gets the members of teams (Get-CtTeam platform | Get-CtTeamMember).</para>
    /// <para type="description">Each user carries a TeamId property, so members can be piped on to Remove-CtTeamMember.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CtTeamMember", HelpUri = HelpLinks.Base + "Get-CtTeamMember.md")]
    [OutputType(typeof(User))]
    public sealed class GetCtTeamMemberCommand : ItemByItemCmdlet
    {
        /// <summary>The PSTypeName added to members, for their table view (with the team id).</summary>
        internal const string TeamMemberTypeName = "Cloudthread.TeamMember";

        /// <summary>The teams (a team piped in binds by its Id).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(TeamIdCompleter))]
        public string[] TeamId { get; set; } = Array.Empty<string>();

        protected override string? NotFoundErrorId => ErrorIds.TeamNotFound;

        protected override void ProcessRecord() =>
            ForEachItem("Getting team members", "Team", TeamId, id =>
            {
                foreach (var user in CallClient(token => Client.GetTeamMembersAsync(id, token)))
                {
                    WriteObject(AsTeamMember(user, id));
                }
            });

        /// <summary>The user with a TeamId note property and the Cloudthread.TeamMember type name.</summary>
        internal static PSObject AsTeamMember(User user, string teamId)
        {
            var member = PSObject.AsPSObject(user);
            member.Properties.Add(new PSNoteProperty("TeamId", teamId));
            member.TypeNames.Insert(0, TeamMemberTypeName);
            return member;
        }
    }
}
