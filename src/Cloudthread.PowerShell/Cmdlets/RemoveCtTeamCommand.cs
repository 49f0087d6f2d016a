using System.Management.Automation;
using Cloudthread.PowerShell.Infrastructure;

namespace Cloudthread.PowerShell.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Deletes teams. Asks for confirmation unless -Confirm:$false (in unattended scripts, pass -Confirm:$false).</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "CtTeam", HelpUri = HelpLinks.Base + "Remove-CtTeam.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveCtTeamCommand : TeamByTeamCmdlet
    {
        protected override string Activity => "Deleting teams";

        private protected override void CallForTeam(string teamId)
        {
            if (ShouldProcessChange("Team '" + teamId + "'", "Delete team"))
            {
                CallClient(token => Client.DeleteTeamAsync(teamId, token));
                Connection?.ForgetTeamIds();
            }
        }
    }
}
