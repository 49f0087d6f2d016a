using System.Management.Automation;
using Cloudthread.Client.Models;
using Cloudthread.PowerShell.Infrastructure;

namespace Cloudthread.PowerShell.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Gets the members of teams (Get-CtTeam platform | Get-CtTeamMember).</para>
    /// <para type="description">Each user carries a TeamId property, so members can be piped on to Remove-CtTeamMember.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CtTeamMember", HelpUri = HelpLinks.Base + "Get-CtTeamMember.md")]
    [OutputType(typeof(User))]
    public sealed class GetCtTeamMemberCommand : TeamByTeamCmdlet
    {
        /// <summary>The PSTypeName added to members, for their table view (with the team id).</summary>
        internal const string TeamMemberTypeName = "Cloudthread.TeamMember";

        protected override string Activity => "Getting team members";

        private protected override void CallForTeam(string teamId)
        {
            foreach (var user in CallClient(token => Client.GetTeamMembersAsync(teamId, token)))
            {
                WriteObject(AsTeamMember(user, teamId));
            }
        }

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
