using System.Text.RegularExpressions;
using Cloudthread.PowerShell.Tests.Infrastructure;

namespace Cloudthread.PowerShell.Tests;

/// <summary>
/// Every change asks through CloudthreadCmdlet.ShouldProcessChange (CloudthreadCmdlet.Confirmation.cs), which turns a prompt that a non-interactive host
/// cannot show into ConfirmationNotPossible (tests/pester/Runbook.Tests.ps1 runs it in a real pwsh -NonInteractive).
/// </summary>
public sealed partial class ConfirmationTests
{
    [Fact]
    public void No_cmdlet_calls_ShouldProcess_directly()
    {
        var source = Path.Combine(TestPaths.RepoRoot, "src", "Cloudthread.PowerShell");
        var direct = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                && !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                && Path.GetFileName(f) != "CloudthreadCmdlet.Confirmation.cs")
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetFileName(f), Number: i + 1, Line: line)))
            .Where(l => DirectCall().IsMatch(l.Line))
            .Select(l => l.File + ":" + l.Number + ": " + l.Line.Trim())
            .ToList();
        Assert.Empty(direct);
    }

    [Fact]
    public void The_guard_sees_a_direct_call()
    {
        Assert.Matches(DirectCall(), "if (!ShouldProcess(target, \"Delete\"))");
        Assert.DoesNotMatch(DirectCall(), "if (!ShouldProcessChange(target, \"Delete\"))");
    }

    [GeneratedRegex(@"(?<![\w.])ShouldProcess\(|ShouldContinue\(")]
    private static partial Regex DirectCall();
}
