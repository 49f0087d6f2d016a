using System.Reflection;
using System.Runtime.InteropServices;
using Cloudthread.PowerShell.Tests.Isolation;

namespace Cloudthread.PowerShell.Tests;

/// <summary>
/// The cmdlet assembly is loaded into PowerShell's own context, next to every other module: it may reference
/// only the BCL, PowerShell and our own assemblies. Anything else (System.Text.Json, Microsoft.Extensions.*)
/// must stay behind Cloudthread.Client in the private context. Read with MetadataLoadContext, never loaded.
/// </summary>
public sealed class AssemblyBoundaryTests
{
    private static readonly string[] OwnAssemblies = ["Cloudthread.Client", "Cloudthread.PowerShell.Isolation"];

    // netstandard2.0 BCL facades and contracts: the names NETStandard.Library provides.
    private static bool IsBcl(string name) =>
        name is "netstandard" or "mscorlib" || name == "System" || name.StartsWith("System.", StringComparison.Ordinal)
        && !name.StartsWith("System.Text.Json", StringComparison.Ordinal)
        && !name.StartsWith("System.Text.Encodings.Web", StringComparison.Ordinal)
        && !name.StartsWith("System.Threading.Channels", StringComparison.Ordinal)
        && !name.StartsWith("System.Management.Automation", StringComparison.Ordinal);

    [Fact]
    public void The_cmdlet_assembly_references_only_the_BCL_PowerShell_and_our_assemblies()
    {
        string path = RepositoryPaths.BuiltAssembly("Cloudthread.PowerShell");
        Assert.True(File.Exists(path), "Build src/Cloudthread.PowerShell first: " + path);

        AssemblyName[] references = ReferencesOf(path);

        var outside = references
            .Select(r => r.Name!)
            .Where(n => !IsBcl(n) && n != "System.Management.Automation" && !OwnAssemblies.Contains(n))
            .ToList();
        Assert.Empty(outside);
        Assert.Contains(references, r => r.Name == "System.Management.Automation");
    }

    [Fact]
    public void The_isolation_assembly_references_only_the_BCL_and_PowerShell()
    {
        // PowerShell for its IModuleAssemblyInitializer only; never a client dependency, since it is loaded before them.
        AssemblyName[] references = ReferencesOf(RepositoryPaths.BuiltAssembly("Cloudthread.PowerShell.Isolation"));
        Assert.All(references, r => Assert.True(IsBcl(r.Name!) || r.Name == "System.Management.Automation", r.FullName));
    }

    [Theory]
    [InlineData("System.Text.Json")]
    [InlineData("Microsoft.Extensions.Http")]
    [InlineData("System.Management.Automation")]
    public void The_BCL_rule_rejects_real_dependencies(string name)
    {
        // Guards the guard: the filter above must not wave these through.
        Assert.False(IsBcl(name));
    }

    private static AssemblyName[] ReferencesOf(string path)
    {
        var resolver = new PathAssemblyResolver(
            Directory.GetFiles(RuntimeEnvironment.GetRuntimeDirectory(), "*.dll").Append(path));
        using var context = new MetadataLoadContext(resolver);
        return context.LoadFromAssemblyPath(path).GetReferencedAssemblies();
    }
}
