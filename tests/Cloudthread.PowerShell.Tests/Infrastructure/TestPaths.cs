using System.Reflection;

namespace Cloudthread.PowerShell.Tests.Infrastructure;

/// <summary>Where the repository, the built module and the emulator are (baked in at build time, same configuration as the tests).</summary>
internal static class TestPaths
{
    public static string RepoRoot { get; } = Metadata("RepoRoot");

    public static string Configuration { get; } = Metadata("Configuration");

    /// <summary>The module as built: src/Cloudthread.PowerShell/bin/&lt;Configuration&gt;/netstandard2.0.</summary>
    public static string ModuleFolder { get; } = Path.Combine(RepoRoot, "src", "Cloudthread.PowerShell", "bin", Configuration, "netstandard2.0");

    public static string ModuleAssembly { get; } = Path.Combine(ModuleFolder, "Cloudthread.PowerShell.dll");

    public static string ModuleManifest { get; } = Path.Combine(RepoRoot, "Cloudthread.psd1");

    public static string FormatFile { get; } = Path.Combine(RepoRoot, "src", "Cloudthread.PowerShell", "Cloudthread.format.ps1xml");

    public static string EmulatorAssembly { get; } = Path.Combine(RepoRoot, "src", "Cloudthread.Emulator", "bin", Configuration, "net10.0", "Cloudthread.Emulator.dll");

    /// <summary>The reference System.Management.Automation.dll of PowerShellStandard.Library (attribute types only; never loaded to run).</summary>
    public static string PowerShellReferenceAssembly { get; } =
        Path.Combine(Metadata("PowerShellStandardPath"), "lib", "netstandard2.0", "System.Management.Automation.dll");

    private static string Metadata(string key) =>
        typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException("Assembly metadata " + key + " is missing.");
}
