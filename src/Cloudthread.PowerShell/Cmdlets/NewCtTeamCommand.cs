using System.Management.Automation;
using Cloudthread.Client.Models;
using Cloudthread.PowerShell.Infrastructure;

namespace Cloudthread.PowerShell.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Creates a team with its data filters.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.New, "CtTeam", HelpUri = HelpLinks.Base + "New-CtTeam.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Team))]
    public sealed class NewCtTeamCommand : TeamFieldsCmdlet
    {
        /// <summary>The new team's id (unique).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("TeamId")]
        [ValidateNotNullOrEmpty]
        public string Id { get; set; } = string.Empty;

        /// <summary>The team's display name.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = string.Empty;

        /// <summary>A Slack channel the organization knows (#finops).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? SlackChannel { get; set; }

        protected override void ProcessRecord()
        {
            var team = BoundFilters().ApplyTo(new Team
            {
                Id = Id,
                Name = Name,
                SlackChannel = string.IsNullOrWhiteSpace(SlackChannel) ? null : SlackChannel,
            });
            if (!ShouldProcessChange("Team '" + Id + "' (" + Name + ")", "Create team"))
            {
                return;
            }

            if (CallClientOrWriteError(team, token => Client.CreateTeamAsync(team, token)) is { } created)
            {
                Connection?.ForgetTeamIds();
                WriteObject(created);
            }
        }
    }
}
