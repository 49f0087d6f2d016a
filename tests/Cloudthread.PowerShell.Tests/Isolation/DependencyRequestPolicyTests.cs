using System.Reflection;
using Cloudthread.PowerShell.Isolation;

namespace Cloudthread.PowerShell.Tests.Isolation;

/// <summary>The "is this request ours, and which file answers it" decisions, on a module layout in a temp folder.</summary>
[Collection(nameof(ProcessWideResolution))]
public sealed class DependencyRequestPolicyTests : IDisposable
{
    private readonly string _module = Path.Combine(Path.GetTempPath(), "ct-policy-" + Guid.NewGuid().ToString("N"));
    private readonly DependencyRequestPolicy _policy;

    public DependencyRequestPolicyTests()
    {
        Directory.CreateDirectory(Path.Combine(_module, "Dependencies"));
        File.WriteAllText(Path.Combine(_module, "Dependencies", "Cloudthread.Client.dll"), "");
        File.WriteAllText(Path.Combine(_module, "Dependencies", "System.Text.Json.dll"), "");
        _policy = new DependencyRequestPolicy(_module);
    }

    public void Dispose() => Directory.Delete(_module, recursive: true);

    private string InModule(params string[] parts) => Path.Combine([_module, .. parts]);

    [Fact]
    public void A_shipped_dependency_resolves_to_its_file_in_Dependencies()
    {
        var file = _policy.DependencyFile(new AssemblyName("System.Text.Json, Version=8.0.0.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51"));
        Assert.Equal(InModule("Dependencies", "System.Text.Json.dll"), file);
    }

    [Fact]
    public void An_assembly_we_do_not_ship_is_not_ours()
    {
        Assert.Null(_policy.DependencyFile(new AssemblyName("System.Runtime")));
        Assert.Null(_policy.DependencyFile(new AssemblyName("Newtonsoft.Json")));
    }

    [Theory]
    [InlineData("10.0.0.0", "8.0.0.0", "8.0.0.0", true)]   // the runtime is newer: the runtime's
    [InlineData("8.0.0.0", "8.0.0.0", "8.0.0.0", true)]    // the same version: the runtime's
    [InlineData("4.0.1.0", "4.0.1.2", "4.0.1.0", false)]   // ours is newer: ours
    [InlineData(null, "8.0.0.0", "8.0.0.0", false)]        // the runtime has none: ours
    [InlineData("8.0.0.0", null, "8.0.0.0", true)]         // ours cannot be read: the runtime's
    [InlineData("8.0.0.0", "9.0.0.0", null, false)]        // a name without a version: still compared with ours
    [InlineData("8.0.0.0", "7.0.0.0", "9.0.0.0", false)]   // the runtime cannot satisfy the version asked for
    public void The_runtime_wins_unless_ours_is_newer(string? runtime, string? shipped, string? requested, bool runtimeWins)
    {
        Assert.Equal(runtimeWins, DependencyRequestPolicy.RuntimeWins(Parse(runtime), Parse(shipped), Parse(requested)));

        static Version? Parse(string? text) => text is null ? null : Version.Parse(text);
    }

    [Fact]
    public void PrivateFile_compares_the_version_in_the_shipped_file_with_the_runtime()
    {
        // A real System.Text.Json 8.x in Dependencies/, and a runtime that says what it has.
        File.Copy(RepositoryPaths.PackageLibrary("System.Text.Json", "System.Text.Json.dll"), InModule("Dependencies", "System.Text.Json.dll"), overwrite: true);
        var request = new AssemblyName("System.Text.Json, Version=8.0.0.0");

        Assert.Null(PolicyWithRuntime("System.Text.Json", new Version(10, 0, 0, 0)).PrivateFile(request));
        Assert.Null(PolicyWithRuntime("System.Text.Json", new Version(8, 0, 0, 0)).PrivateFile(request));
        Assert.Equal(InModule("Dependencies", "System.Text.Json.dll"), PolicyWithRuntime("System.Text.Json", new Version(6, 0, 0, 0)).PrivateFile(request));
        Assert.Equal(InModule("Dependencies", "System.Text.Json.dll"), PolicyWithRuntime("Other", new Version(99, 0)).PrivateFile(request));
    }

    [Fact]
    public void PrivateFile_always_answers_the_client_itself_and_never_what_we_do_not_ship()
    {
        // Even if a host listed an assembly of that name, the client must live in the private context.
        var policy = PolicyWithRuntime("Cloudthread.Client", new Version(99, 0));
        Assert.Equal(InModule("Dependencies", "Cloudthread.Client.dll"), policy.PrivateFile(new AssemblyName("Cloudthread.Client")));
        Assert.Null(policy.PrivateFile(new AssemblyName("Newtonsoft.Json")));
    }

    [Fact]
    public void The_runtime_list_reads_names_and_versions_from_the_trusted_platform_assemblies()
    {
        string jsonPath = RepositoryPaths.PackageLibrary("System.Text.Json", "System.Text.Json.dll");
        var list = new RuntimeAssemblies(string.Join(Path.PathSeparator, "/nowhere/Missing.Assembly.dll", jsonPath, "/nowhere/native.so"));

        Assert.Equal(8, list.VersionOf("system.text.json")!.Major);
        Assert.Null(list.VersionOf("Missing.Assembly"));   // listed but unreadable: treated as absent
        Assert.Null(list.VersionOf("Microsoft.Extensions.Http"));
        Assert.Null(new RuntimeAssemblies(null).VersionOf("System.Memory"));   // .NET Framework: no list
    }

    [Fact]
    public void On_this_runtime_the_framework_polyfills_are_provided()
    {
        // What the default policy sees in this (.NET) test host: the shared framework's System.Memory is 4.0.1.2 or later.
        Assert.True(RuntimeAssemblies.Current.VersionOf("System.Memory") >= new Version(4, 0, 1, 2));
        Assert.Null(RuntimeAssemblies.Current.VersionOf("Cloudthread.Client"));
    }

    private DependencyRequestPolicy PolicyWithRuntime(string name, Version version) =>
        new(_module, n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase) ? version : null);

    [Fact]
    public void A_name_that_tries_to_leave_the_folder_is_refused()
    {
        File.WriteAllText(InModule("Escape.dll"), "");
        Assert.Null(_policy.DependencyFile(new AssemblyName { Name = "../Escape" }));
    }

    [Theory]
    [InlineData("Cloudthread.PowerShell.dll")]
    [InlineData("Dependencies/Microsoft.Extensions.Http.dll")]
    public void Desktop_answers_requests_from_our_own_assemblies(string requester)
    {
        var file = _policy.ResolveForDesktop(new AssemblyName("System.Text.Json, Version=6.0.0.0"), InModule(requester.Split('/')));
        Assert.Equal(InModule("Dependencies", "System.Text.Json.dll"), file);
    }

    [Fact]
    public void Desktop_never_answers_another_module_even_for_a_file_we_ship()
    {
        var otherModule = Path.Combine(Path.GetTempPath(), "Az.Accounts", "Microsoft.Azure.PowerShell.Authentication.dll");
        Assert.Null(_policy.ResolveForDesktop(new AssemblyName("System.Text.Json, Version=8.0.0.0"), otherModule));
        // A sibling folder whose name starts like ours is not ours either.
        Assert.Null(_policy.ResolveForDesktop(new AssemblyName("System.Text.Json"), _module + "Evil" + Path.DirectorySeparatorChar + "x.dll"));
    }

    [Fact]
    public void Desktop_without_a_requester_answers_only_for_the_client()
    {
        Assert.Equal(InModule("Dependencies", "Cloudthread.Client.dll"), _policy.ResolveForDesktop(new AssemblyName("Cloudthread.Client"), null));
        Assert.Null(_policy.ResolveForDesktop(new AssemblyName("System.Text.Json"), null));
    }

    [Fact]
    public void Install_without_a_Dependencies_folder_does_nothing()
    {
        // Flat development layout (bin/): ordinary probing finds the client next to the cmdlets.
        var flat = Path.Combine(Path.GetTempPath(), "ct-flat-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(flat);
        try
        {
            DependencyIsolation.Install(flat);
            Assert.Null(System.Runtime.Loader.AssemblyLoadContext.Default.Assemblies.FirstOrDefault(a => a.GetName().Name == "Cloudthread.Client"));
        }
        finally
        {
            DependencyIsolation.Uninstall();
            Directory.Delete(flat);
        }
    }
}
