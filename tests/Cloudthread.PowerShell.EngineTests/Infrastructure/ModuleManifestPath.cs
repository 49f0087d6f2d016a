using System.Reflection;

namespace Cloudthread.PowerShell.EngineTests.Infrastructure;

/// <summary>Where the built module is: the cmdlet project's output for the configuration these tests were built in.</summary>
internal static class ModuleManifestPath
{
    public static string Resolve()
    {
        var root = Metadata("RepoRoot");
        var configuration = Metadata("Configuration");
        var path = Path.Combine(root, "src", "Cloudthread.PowerShell", "bin", configuration, "netstandard2.0", "Cloudthread.psd1");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The module is not built at '{path}': build tests/Cloudthread.PowerShell.EngineTests (it builds the cmdlet project first).", path);
        }

        return path;
    }

    private static string Metadata(string key) =>
        typeof(ModuleManifestPath).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"Assembly metadata '{key}' is empty.");
}
