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
