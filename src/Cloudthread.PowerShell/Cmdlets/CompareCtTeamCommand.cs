using System.Management.Automation;
using Cloudthread.Client.TeamsAsCode;
using Cloudthread.PowerShell.Infrastructure;

namespace Cloudthread.PowerShell.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Plans the changes that make the organisation's teams what a teams file says: one object per change, nothing when they agree.</para>
    /// </summary>
    [Cmdlet(VerbsData.Compare, "CtTeam", HelpUri = HelpLinks.Base + "Compare-CtTeam.md")]
    [OutputType(typeof(TeamChange))]
    public sealed class CompareCtTeamCommand : TeamsFileCmdlet
    {
        protected override void EndProcessing()
        {
            if (Plan() is { } plan)
            {
                WriteObject(plan.Changes, enumerateCollection: true);
            }
        }
    }
}
