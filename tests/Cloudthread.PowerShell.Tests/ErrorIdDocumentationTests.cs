using System.Reflection;
using Cloudthread.PowerShell.Tests.Infrastructure;

namespace Cloudthread.PowerShell.Tests;

/// <summary>Every ErrorId the module can write is documented in docs/errors.md (scripts depend on them).</summary>
public sealed class ErrorIdDocumentationTests : IClassFixture<CmdletAssembly>
{
    private readonly CmdletAssembly _assembly;

    public ErrorIdDocumentationTests(CmdletAssembly assembly) => _assembly = assembly;

    [Fact]
    public void Every_ErrorId_is_in_the_error_table()
    {
        var ids = _assembly.Assembly.GetType("Cloudthread.PowerShell.Infrastructure.ErrorIds", throwOnError: true)!
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();
        Assert.True(ids.Count >= 20);
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        var table = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "docs", "errors.md"));
        var undocumented = ids.Where(id => !table.Contains("| `" + id + "` |", StringComparison.Ordinal)).ToList();
        Assert.Empty(undocumented);
    }
}
