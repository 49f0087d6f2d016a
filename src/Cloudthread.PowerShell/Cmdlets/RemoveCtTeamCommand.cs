using System;
using System.Management.Automation;
using Cloudthread.PowerShell.Completers;
using Cloudthread.PowerShell.Infrastructure;

namespace Cloudthread.PowerShell.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Deletes teams. Asks for confirmation unless -Confirm:$false (in unattended scripts, pass -Confirm:$false).</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "CtTeam", HelpUri = HelpLinks.Base + "Remove-CtTeam.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveCtTeamCommand : ItemByItemCmdlet
    {
        /// <summary>The teams to delete (teams piped in bind by their Id).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(TeamIdCompleter))]
        public string[] TeamId { get; set; } = Array.Empty<string>();

        protected override string? NotFoundErrorId => ErrorIds.TeamNotFound;

        protected override void ProcessRecord() =>
            ForEachItem("Deleting teams", "Team", TeamId, id =>
            {
                if (ShouldProcessChange("Team '" + id + "'", "Delete team"))
                {
                    CallClient(token => Client.DeleteTeamAsync(id, token));
                    Connection?.ForgetTeamIds();
                }
            });
    }
}
