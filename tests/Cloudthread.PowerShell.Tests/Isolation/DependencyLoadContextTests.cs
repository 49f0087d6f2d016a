using System.Reflection;
using System.Runtime.Loader;
using Cloudthread.PowerShell.Isolation;

namespace Cloudthread.PowerShell.Tests.Isolation;

/// <summary>
/// The PowerShell 7 mechanism on the real runtime: a module layout with the built client and the real
/// System.Text.Json 8.x (netstandard2.0) in Dependencies/, while this test process already runs its own,
/// newer System.Text.Json in the default context, which is exactly the conflict the isolation exists for.
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

    [Fact]
    public void Shipped_dependencies_load_privately_even_when_the_default_context_has_another_version()
    {
        // The default context already has the runtime's System.Text.Json (10.x here).
        Version hostVersion = typeof(System.Text.Json.JsonSerializer).Assembly.GetName().Version!;
        var context = new DependencyLoadContext(_policy);

        Assembly ours = context.LoadFromAssemblyName(new AssemblyName("System.Text.Json, Version=8.0.0.0"));

        Assert.Same(context, AssemblyLoadContext.GetLoadContext(ours));
        Assert.Equal(8, ours.GetName().Version!.Major);
        Assert.NotEqual(hostVersion, ours.GetName().Version);
        Assert.Equal(Path.Combine(_module, "Dependencies", "System.Text.Json.dll"), ours.Location);
    }

    [Fact]
    public void The_private_System_Text_Json_runs_on_this_runtime_with_its_netstandard_dependencies()
    {
        // Everything the client's restore resolved for netstandard2.0 (what build.ps1 puts in Dependencies/),
        // so the private copy runs against its own System.Memory, Buffers, Unsafe... not the runtime's.
        string deps = Path.Combine(_module, "Dependencies");
        foreach (string library in RepositoryPaths.ClientRuntimeLibraries())
        {
            string target = Path.Combine(deps, Path.GetFileName(library));
            if (!File.Exists(target))
            {
                File.Copy(library, target);
            }
        }

        var context = new DependencyLoadContext(_policy);
        Assembly json = context.LoadFromAssemblyName(new AssemblyName("System.Text.Json"));
        Type serializer = json.GetType("System.Text.Json.JsonSerializer", throwOnError: true)!;
        MethodInfo serialize = serializer.GetMethod("Serialize", [typeof(object), typeof(Type), json.GetType("System.Text.Json.JsonSerializerOptions", true)!])!;

        string text = (string)serialize.Invoke(null, [new Dictionary<string, object> { ["team"] = "sre", ["members"] = new[] { "u-1003" } }, typeof(Dictionary<string, object>), null])!;

        Assert.Equal("{\"team\":\"sre\",\"members\":[\"u-1003\"]}", text);
        Assert.Same(context, AssemblyLoadContext.GetLoadContext(json));
        Assert.Contains(context.Assemblies, a => a.GetName().Name == "System.Memory");
    }

    [Fact]
    public void Assemblies_we_do_not_ship_come_from_the_default_context()
    {
        var context = new DependencyLoadContext(_policy);
        Assembly runtime = context.LoadFromAssemblyName(new AssemblyName("System.Runtime"));
        Assert.Same(AssemblyLoadContext.Default, AssemblyLoadContext.GetLoadContext(runtime));
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

            // What the client's System.Text.Json reference binds to: our 8.x copy, inside the private context.
            Assembly json = owner!.LoadFromAssemblyName(new AssemblyName("System.Text.Json, Version=8.0.0.0"));
            Assert.Same(owner, AssemblyLoadContext.GetLoadContext(json));
            Assert.Equal(8, json.GetName().Version!.Major);
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
