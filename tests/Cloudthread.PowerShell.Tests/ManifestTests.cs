using Cloudthread.PowerShell.Tests.Infrastructure;

namespace Cloudthread.PowerShell.Tests;

/// <summary>Cloudthread.psd1 exports exactly the cmdlets of the assembly, and nothing else.</summary>
public sealed class ManifestTests : IClassFixture<CmdletAssembly>
{
    private readonly CmdletAssembly _assembly;
    private readonly ModuleManifest _manifest = new(TestPaths.ModuleManifest);

    public ManifestTests(CmdletAssembly assembly) => _assembly = assembly;

    [Fact]
    public void CmdletsToExport_is_exactly_the_cmdlets_of_the_assembly()
    {
        var exported = _manifest.Array("CmdletsToExport");
        Assert.NotNull(exported);
        Assert.Equal(exported!.Count, exported.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        var classes = _assembly.Cmdlets.Select(c => c.Name).ToList();
        Assert.Empty(classes.Except(exported, StringComparer.Ordinal));
        var withoutClass = exported.Except(classes, StringComparer.Ordinal).ToList();
        Assert.All(withoutClass, name =>
        {
            // Send-CtCustomData is written on another branch: until its source is merged, it is exported ahead of its class.
            Assert.True(PendingSources.TryGetValue(name, out var source), name + " is exported but no cmdlet class implements it");
            Assert.False(File.Exists(Path.Combine(TestPaths.RepoRoot, source!)), name + " has its source but the built assembly lacks it");
        });
    }

    private static readonly Dictionary<string, string> PendingSources = new(StringComparer.Ordinal)
    {
        ["Send-CtCustomData"] = Path.Combine("src", "Cloudthread.PowerShell", "Cmdlets", "SendCtCustomDataCommand.cs"),
    };

    [Theory]
    [InlineData("FunctionsToExport")]
    [InlineData("AliasesToExport")]
    [InlineData("VariablesToExport")]
    public void Nothing_but_cmdlets_is_exported(string key)
    {
        var values = _manifest.Array(key);
        Assert.NotNull(values);
        Assert.Empty(values!);
    }

    [Fact]
    public void The_manifest_loads_the_built_assembly_and_its_views()
    {
        Assert.Equal("Cloudthread.PowerShell.dll", _manifest.Scalar("RootModule"));
        Assert.Equal(new[] { "Cloudthread.PowerShell.Isolation.dll" }, _manifest.Array("NestedModules"));
        Assert.True(File.Exists(Path.Combine(TestPaths.ModuleFolder, "Cloudthread.PowerShell.Isolation.dll")), "the build copies the nested module next to the assembly");
        Assert.Equal("5.1", _manifest.Scalar("PowerShellVersion"));
        Assert.Equal(new[] { "Desktop", "Core" }, _manifest.Array("CompatiblePSEditions"));
        Assert.Equal(new[] { "Cloudthread.format.ps1xml" }, _manifest.Array("FormatsToProcess"));
        Assert.True(Guid.TryParse(_manifest.Scalar("GUID"), out _));
        Assert.True(File.Exists(Path.Combine(TestPaths.ModuleFolder, "Cloudthread.psd1")), "the build copies the manifest next to the assembly");
        Assert.True(File.Exists(Path.Combine(TestPaths.ModuleFolder, "Cloudthread.format.ps1xml")), "the build copies the views next to the assembly");
    }

    [Fact]
    public void Only_the_nested_module_initializes_isolation()
    {
        // PowerShell loads every public type of an assembly (Assembly.ExportedTypes) before calling its
        // IModuleAssemblyInitializer, and cmdlet types with client enum parameters need Cloudthread.Client to load:
        // an initializer in the cmdlet assembly would run too late in the built layout.
        static bool IsInitializer(Type t) => t.GetInterfaces().Any(i => i.FullName == "System.Management.Automation.IModuleAssemblyInitializer");
        Assert.DoesNotContain(_assembly.Assembly.GetTypes(), IsInitializer);
        var isolation = _assembly.LoadFromModuleFolder("Cloudthread.PowerShell.Isolation.dll");
        Assert.Contains(isolation.GetExportedTypes(), t => IsInitializer(t) && !t.IsAbstract);
    }
}
