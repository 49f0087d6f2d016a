using System.Management.Automation;
using Cloudthread.PowerShell.Infrastructure;

namespace Cloudthread.PowerShell.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Forgets this session's Cloudthread connection and releases its HTTP connections.</para>
    /// </summary>
    [Cmdlet(VerbsCommunications.Disconnect, "Cloudthread", HelpUri = HelpLinks.Base + "Disconnect-Cloudthread.md")]
    [OutputType(typeof(void))]
    public sealed class DisconnectCloudthreadCommand : PSCmdlet
    {
        protected override void EndProcessing()
        {
            if (!ConnectionStore.Remove())
            {
                VerboseStream.Write(this, "Not connected: nothing to disconnect.");
            }
        }
    }
}
