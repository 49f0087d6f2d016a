namespace Cloudthread.PowerShell.Tests.Infrastructure;

/// <summary>A fact that needs PowerShell 7 (pwsh) on PATH; reported as skipped, with the reason, when it is absent.</summary>
public sealed class PwshFactAttribute : FactAttribute
{
    public PwshFactAttribute()
    {
        if (PowerShellHost.Executable is null)
        {
            Skip = "pwsh is not on PATH: the Pester suites (tests/pester) need PowerShell 7.4+ with Pester 5, so they were not run.";
        }
        else if (string.Equals(Environment.GetEnvironmentVariable("CLOUDTHREAD_PESTER_BRIDGE"), "off", StringComparison.OrdinalIgnoreCase))
        {
            Skip = "CLOUDTHREAD_PESTER_BRIDGE=off: the caller (build.ps1 -Task Test) runs the Pester suites itself, against the built module.";
        }
    }
}

internal static class PowerShellHost
{
    /// <summary>The full path of pwsh found on PATH, or null.</summary>
    public static string? Executable { get; } = Find();

    private static string? Find()
    {
        var names = OperatingSystem.IsWindows() ? new[] { "pwsh.exe" } : new[] { "pwsh" };
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in names)
            {
                var candidate = Path.Combine(directory.Trim('"'), name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
