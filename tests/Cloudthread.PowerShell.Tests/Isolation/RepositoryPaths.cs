using System.Reflection;

namespace Cloudthread.PowerShell.Tests.Isolation;

/// <summary>Where built outputs and restored packages are, for tests that read real assemblies.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Configuration => Metadata("Configuration") ?? "Debug";

    public static string NuGetPackageRoot => Metadata("NuGetPackageRoot")
        ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    public static string BuiltAssembly(string project) =>
        Path.Combine(Root, "src", project, "bin", Configuration, "netstandard2.0", project + ".dll");

    /// <summary>The version Directory.Packages.props pins for a package.</summary>
    public static string PinnedVersion(string package)
    {
        var props = System.Xml.Linq.XDocument.Load(Path.Combine(Root, "Directory.Packages.props"));
        var entry = props.Descendants("PackageVersion").First(e => (string?)e.Attribute("Include") == package);
        return (string)entry.Attribute("Version")!;
    }

    public static string PackageLibrary(string package, string assemblyFile) =>
        Path.Combine(NuGetPackageRoot, package.ToLowerInvariant(), PinnedVersion(package), "lib", "netstandard2.0", assemblyFile);

    /// <summary>The netstandard2.0 runtime assemblies the client's restore resolved (project.assets.json).</summary>
    public static IReadOnlyList<string> ClientRuntimeLibraries()
    {
        string assetsPath = Path.Combine(Root, "src", "Cloudthread.Client", "obj", "project.assets.json");
        using var assets = System.Text.Json.JsonDocument.Parse(File.ReadAllText(assetsPath));
        var target = assets.RootElement.GetProperty("targets").EnumerateObject().Single().Value;
        var files = new List<string>();
        foreach (var library in target.EnumerateObject())
        {
            if (library.Value.GetProperty("type").GetString() != "package" || !library.Value.TryGetProperty("runtime", out var runtime))
            {
                continue;
            }

            string[] idAndVersion = library.Name.Split('/');
            foreach (var file in runtime.EnumerateObject().Where(f => f.Name.EndsWith(".dll", StringComparison.Ordinal)))
            {
                files.Add(Path.Combine(NuGetPackageRoot, idAndVersion[0].ToLowerInvariant(), idAndVersion[1], file.Name));
            }
        }

        return files;
    }

    private static string? Metadata(string key) =>
        typeof(RepositoryPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == key && !string.IsNullOrEmpty(a.Value))?.Value;

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "CloudthreadPS.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("CloudthreadPS.sln not found above " + AppContext.BaseDirectory);
    }
}
