namespace Cloudthread.PowerShell.Tests.Infrastructure;

/// <summary>
/// A fact that runs PowerShell 7 (the repository's pinned .NET tool, or pwsh on PATH). Skipped, with the reason,
/// only when build.ps1 -Task Test runs the Pester suites itself (CLOUDTHREAD_PESTER_BRIDGE=off).
/// </summary>
public sealed class PwshFactAttribute : FactAttribute
{
    public PwshFactAttribute()
    {
        if (string.Equals(Environment.GetEnvironmentVariable("CLOUDTHREAD_PESTER_BRIDGE"), "off", StringComparison.OrdinalIgnoreCase))
        {
            Skip = "CLOUDTHREAD_PESTER_BRIDGE=off: the caller (build.ps1 -Task Test) runs the Pester suites itself, against the built module.";
        }
    }
}
