using System.Management.Automation;
using Cloudthread.PowerShell.Infrastructure;

namespace Cloudthread.PowerShell.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Writes the organisation's teams, their fields and members (by email) to a teams file (.json or .psd1).</para>
    /// </summary>
    [Cmdlet(VerbsData.Export, "CtTeam", HelpUri = HelpLinks.Base + "Export-CtTeam.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(void))]
    public sealed class ExportCtTeamCommand : TeamsFileCmdlet
    {
        protected override void EndProcessing()
        {
            var fullPath = FullPath();
            var organisation = ReadOrganisation();
            if (organisation is not null && ShouldProcessChange(fullPath, "Export " + organisation.Teams.Count + " teams"))
            {
                WriteTeamsFile(organisation);
            }
        }
    }
}
