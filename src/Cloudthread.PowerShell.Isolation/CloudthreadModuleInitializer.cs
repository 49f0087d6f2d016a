using System.IO;
using System.Management.Automation;

namespace Cloudthread.PowerShell.Isolation
{
    /// <summary>
    /// Installs dependency isolation when PowerShell imports this assembly as the manifest's nested module.
    /// It must live here, not in the cmdlet assembly: PowerShell calls OnImport only after Assembly.ExportedTypes
    /// has loaded every public type of the assembly (PSSnapInHelpers.AnalyzeModuleAssemblyWithReflection), and
    /// loading a cmdlet type whose parameters are client enums (AggregationFunction, MetricGranularity) needs
    /// Cloudthread.Client for the field layout. Nested modules are imported before the RootModule
    /// (ModuleCmdletBase.LoadModuleManifest), so the resolver is in place before the cmdlet assembly is analyzed.
    /// Public because PowerShell only calls public initializers.
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
