using System.Management.Automation;
using Cloudthread.Client.Models;
using Cloudthread.PowerShell.Completers;
using Cloudthread.PowerShell.Infrastructure;

namespace Cloudthread.PowerShell.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Changes a team: only the fields given; the others keep their values.</para>
    /// <para type="description">The API replaces the whole team on update, so the team is read, the given fields merged in,
    /// and the whole team sent. An empty array clears a filter (-AwsService @()).</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "CtTeam", HelpUri = HelpLinks.Base + "Set-CtTeam.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Team))]
    public sealed class SetCtTeamCommand : TeamFieldsCmdlet
    {
        /// <summary>The team to change (a team piped in binds by its Id).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(TeamIdCompleter))]
        public string TeamId { get; set; } = string.Empty;

        /// <summary>The new display name.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Name { get; set; }

        /// <summary>A Slack channel the organization knows (#finops). Not taken from a piped team: only what is given changes.</summary>
        [Parameter]
        public string? SlackChannel { get; set; }

        /// <summary>Writes the updated team.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override string? NotFoundErrorId => ErrorIds.TeamNotFound;

        protected override void ProcessRecord()
        {
            var update = BoundFilters();
            update.Name = Name;
            update.SlackChannel = IsBound(nameof(SlackChannel)) ? SlackChannel ?? string.Empty : null;
            if (!ShouldProcessChange("Team '" + TeamId + "'", "Update team"))
            {
                return;
            }

            if (CallClientOrWriteError(TeamId, token => Client.UpdateTeamAsync(TeamId, update, token)) is { } updated && PassThru)
            {
                WriteObject(updated);
            }
        }
    }
}
