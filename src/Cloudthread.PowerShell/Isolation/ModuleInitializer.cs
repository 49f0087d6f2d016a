using System.IO;
using System.Management.Automation;
using Cloudthread.PowerShell.Isolation;

namespace Cloudthread.PowerShell
{
    /// <summary>
    /// Runs when PowerShell imports the module, before any cmdlet runs: isolates Cloudthread.Client and its
    /// dependencies (see Cloudthread.PowerShell.Isolation). Public because PowerShell only calls public initializers.
    /// Nothing here or in any public type of this assembly may name a Cloudthread.Client type in its base type or
    /// interfaces: PowerShell loads the exported types before calling OnImport.
    /// </summary>
    public sealed class CloudthreadModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        public void OnImport()
        {
            string? moduleDirectory = Path.GetDirectoryName(typeof(CloudthreadModuleInitializer).Assembly.Location);
            if (!string.IsNullOrEmpty(moduleDirectory))
            {
                DependencyIsolation.Install(moduleDirectory!);
            }
        }

        public void OnRemove(PSModuleInfo psModuleInfo) => DependencyIsolation.Uninstall();
    }
}
