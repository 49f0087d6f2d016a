using System.Management.Automation;
using Cloudthread.PowerShell.Infrastructure;

namespace Cloudthread.PowerShell.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Shows this session's Cloudthread connection: base URI, retry, timeout and proxy settings. Never a secret.</para>
    /// <para type="description">Writes nothing when not connected.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CtConnection", HelpUri = HelpLinks.Base + "Get-CtConnection.md")]
    [OutputType(typeof(CloudthreadConnectionInfo))]
    public sealed class GetCtConnectionCommand : PSCmdlet
    {
        protected override void EndProcessing()
        {
            var connection = ConnectionStore.Current;
            if (connection is not null)
            {
                WriteObject(ConnectionInfoFactory.Describe(connection));
            }
        }
    }
}
