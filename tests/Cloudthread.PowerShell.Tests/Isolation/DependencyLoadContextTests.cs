using System.Reflection;
using System.Runtime.Loader;
using Cloudthread.PowerShell.Isolation;

namespace Cloudthread.PowerShell.Tests.Isolation;

/// <summary>
/// The PowerShell 7 mechanism on the real runtime: a module layout with the built client and the real
/// System.Text.Json 8.x (netstandard2.0) in Dependencies/, while this test process already runs its own,
/// newer System.Text.Json in the default context: the runtime's copy wins unless ours is newer.
/// </summary>
// Resolving handlers are process-wide: never run these beside other tests that install them.
[Collection(nameof(ProcessWideResolution))]
public sealed class DependencyLoadContextTests : IDisposable
{
    private readonly string _module = Path.Combine(Path.GetTempPath(), "ct-alc-" + Guid.NewGuid().ToString("N"));
    private readonly DependencyRequestPolicy _policy;

    public DependencyLoadContextTests()
    {
        string deps = Path.Combine(_module, "Dependencies");
        Directory.CreateDirectory(deps);
        File.Copy(RepositoryPaths.BuiltAssembly("Cloudthread.Client"), Path.Combine(deps, "Cloudthread.Client.dll"));
        File.Copy(RepositoryPaths.PackageLibrary("System.Text.Json", "System.Text.Json.dll"), Path.Combine(deps, "System.Text.Json.dll"));
        _policy = new DependencyRequestPolicy(_module);
    }

    public void Dispose()
    {
        // Loaded files stay mapped on Windows; a leftover temp folder is harmless there.
        try { Directory.Delete(_module, recursive: true); } catch (UnauthorizedAccessException) { } catch (IOException) { }
    }

    /// <summary>
    /// The .NET Framework polyfills the netstandard2.0 client is compiled against and Dependencies/ carries
    /// for Windows PowerShell. Every .NET runtime PowerShell 7 runs on provides them at a later version, so they
    /// must never load privately: their Span, Memory and ValueTask would be types with the runtime's names that
    /// are not the runtime's. (PowerShell also carries Microsoft.Bcl.AsyncInterfaces; tests/pester checks that in pwsh.)
    /// </summary>
    private static readonly string[] FrameworkPolyfillNames =
        ["System.Buffers", "System.Memory", "System.Numerics.Vectors", "System.Runtime.CompilerServices.Unsafe", "System.Threading.Tasks.Extensions"];

    public static TheoryData<string> FrameworkPolyfills => new(FrameworkPolyfillNames);

    [Fact]
    public void The_context_is_named()
    {
        var context = DependencyLoadContext.Create(_policy);

        Assert.Equal(DependencyLoadContext.ContextName, context.Name);
        Assert.Contains(context, AssemblyLoadContext.All);
        Assert.Contains("Cloudthread", context.ToString());
    }

    [Fact]
    public void A_dependency_the_runtime_has_at_our_version_or_later_comes_from_the_runtime()
    {
        // This test host runs the runtime's System.Text.Json (10.x); we ship 8.x.
        Version hostVersion = typeof(System.Text.Json.JsonSerializer).Assembly.GetName().Version!;
        var context = DependencyLoadContext.Create(_policy);

        Assembly json = context.LoadFromAssemblyName(new AssemblyName("System.Text.Json, Version=8.0.0.0"));

        Assert.Same(AssemblyLoadContext.Default, AssemblyLoadContext.GetLoadContext(json));
        Assert.Equal(hostVersion, json.GetName().Version);
        Assert.Empty(context.Assemblies);
    }

    [Fact]
    public void A_dependency_the_runtime_has_older_than_ours_loads_privately()
    {
        // As on a PowerShell whose runtime carries an older System.Text.Json than the module needs.
        var policy = new DependencyRequestPolicy(_module, name => name == "System.Text.Json" ? new Version(6, 0, 0, 0) : null);
        var context = DependencyLoadContext.Create(policy);

        Assembly ours = context.LoadFromAssemblyName(new AssemblyName("System.Text.Json, Version=8.0.0.0"));

        Assert.Same(context, AssemblyLoadContext.GetLoadContext(ours));
        Assert.Equal(8, ours.GetName().Version!.Major);
        Assert.Equal(Path.Combine(_module, "Dependencies", "System.Text.Json.dll"), ours.Location);
    }

    [Theory]
    [MemberData(nameof(FrameworkPolyfills))]
    public void A_framework_polyfill_we_ship_comes_from_the_runtime(string polyfill)
    {
        CopyClientRuntimeLibraries();
        Assert.True(File.Exists(Path.Combine(_module, "Dependencies", polyfill + ".dll")), polyfill + " is no longer shipped: update the list.");
        var context = DependencyLoadContext.Create(_policy);

        Assembly loaded = context.LoadFromAssemblyName(new AssemblyName(polyfill));

        Assert.Same(AssemblyLoadContext.Default, AssemblyLoadContext.GetLoadContext(loaded));
        Assert.Empty(context.Assemblies);
    }

    [Fact]
    public void Everything_we_ship_that_the_shared_framework_has_at_our_version_or_later_comes_from_the_runtime()
    {
        // The general rule behind the list, which also covers System.Text.Json, Encodings.Web, DiagnosticSource...
        CopyClientRuntimeLibraries();
        string framework = System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory();
        var superseded = RepositoryPaths.ClientRuntimeLibraries()
            .Where(file => File.Exists(Path.Combine(framework, Path.GetFileName(file)))
                && AssemblyName.GetAssemblyName(Path.Combine(framework, Path.GetFileName(file))).Version >= AssemblyName.GetAssemblyName(file).Version)
            .Select(file => Path.GetFileNameWithoutExtension(file)!)
            .ToList();
        var context = DependencyLoadContext.Create(_policy);

        Assert.Subset(superseded.ToHashSet(), FrameworkPolyfillNames.ToHashSet());   // the list is part of the rule, and holds here
        Assert.All(superseded, name => Assert.Same(AssemblyLoadContext.Default, AssemblyLoadContext.GetLoadContext(context.LoadFromAssemblyName(new AssemblyName(name)))));
        Assert.Empty(context.Assemblies);
    }

    [Fact]
    public void The_private_client_uses_the_runtime_Span_Memory_and_ValueTask()
    {
        CopyClientRuntimeLibraries();
        var context = DependencyLoadContext.Create(_policy);

        Assembly client = context.LoadFromAssemblyName(new AssemblyName("Cloudthread.Client"));
        Type buffer = client.GetType("Cloudthread.Client.Ingestion.PooledByteBuffer", throwOnError: true)!;
        Type sender = client.GetType("Cloudthread.Client.Ingestion.ICustomDataBatchSender", throwOnError: true)!;

        Assert.Same(context, AssemblyLoadContext.GetLoadContext(client));
        Assert.Same(typeof(Span<>), buffer.GetMethod("GetSpan")!.ReturnType.GetGenericTypeDefinition());
        Assert.Same(typeof(Memory<>), buffer.GetMethod("GetMemory")!.ReturnType.GetGenericTypeDefinition());
        Assert.Same(typeof(ReadOnlyMemory<>), buffer.GetProperty("WrittenMemory")!.PropertyType.GetGenericTypeDefinition());
        Assert.Same(typeof(ValueTask<>), sender.GetMethod("SendAsync")!.ReturnType.GetGenericTypeDefinition());
        Assert.DoesNotContain(context.Assemblies, a => FrameworkPolyfillNames.Contains(a.GetName().Name));
    }

    [Fact]
    public void Assemblies_we_do_not_ship_come_from_the_default_context()
    {
        var context = DependencyLoadContext.Create(_policy);
        Assembly runtime = context.LoadFromAssemblyName(new AssemblyName("System.Runtime"));
        Assert.Same(AssemblyLoadContext.Default, AssemblyLoadContext.GetLoadContext(runtime));
    }

    /// <summary>Everything the client's restore resolved for netstandard2.0, as build.ps1 puts it in Dependencies/.</summary>
    private void CopyClientRuntimeLibraries()
    {
        string deps = Path.Combine(_module, "Dependencies");
        foreach (string library in RepositoryPaths.ClientRuntimeLibraries())
        {
            string target = Path.Combine(deps, Path.GetFileName(library));
            if (!File.Exists(target))
            {
                File.Copy(library, target);
            }
        }
    }

    [Fact]
    public void The_client_is_bridged_into_the_default_context_from_the_private_one()
    {
        IDisposable installed = CoreDependencyResolver.Install(_policy);
        try
        {
            // What happens when a cmdlet first touches a client type: the default context cannot find
            // Cloudthread.Client (it is not beside the cmdlet assembly) and raises Resolving.
            Assembly client = AssemblyLoadContext.Default.LoadFromAssemblyName(new AssemblyName("Cloudthread.Client"));
            AssemblyLoadContext? owner = AssemblyLoadContext.GetLoadContext(client);

            Assert.IsType<DependencyLoadContext>(owner);
            Assert.Equal(Path.Combine(_module, "Dependencies", "Cloudthread.Client.dll"), client.Location);

            Assert.Equal(DependencyLoadContext.ContextName, owner!.Name);

            // What the client's System.Text.Json reference binds to: the runtime's (newer than our 8.x), not a private copy.
            Assembly json = owner.LoadFromAssemblyName(new AssemblyName("System.Text.Json, Version=8.0.0.0"));
            Assert.Same(AssemblyLoadContext.Default, AssemblyLoadContext.GetLoadContext(json));
        }
        finally
        {
            installed.Dispose();
        }
    }

    [Fact]
    public void Resolving_leaves_every_other_name_to_the_next_handler()
    {
        IDisposable installed = CoreDependencyResolver.Install(_policy);
        try
        {
            Assert.Throws<FileNotFoundException>(() => AssemblyLoadContext.Default.LoadFromAssemblyName(new AssemblyName("Cloudthread.NotShipped")));
        }
        finally
        {
            installed.Dispose();
        }
    }
}
