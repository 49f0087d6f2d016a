using System.Text.RegularExpressions;
using Cloudthread.PowerShell.Tests.Isolation;

namespace Cloudthread.PowerShell.Tests;

/// <summary>
/// build.ps1 and the scripts it runs must work on Windows PowerShell 5.1, which cannot be run here:
/// these guards reject the PowerShell 7-only syntax that most often slips in.
/// </summary>
public sealed partial class WindowsPowerShellScriptTests
{
    public static TheoryData<string> Scripts => new()
    {
        "build.ps1",
        "examples/Demo.ps1",
        "bench/Measure-ImportTime.ps1",
        "tools/Get-ChildShellPath.ps1",
        "tests/fixtures/ConflictingDependencies/Invoke-IsolationProbe.ps1",
    };

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Uses_no_PowerShell_7_only_operators(string script)
    {
        var offending = CodeLines(script)
            .Where(line => SevenOnlyOperator().IsMatch(line.Text))
            .Select(line => $"{script}:{line.Number}: {line.Text.Trim()}")
            .ToList();
        Assert.Empty(offending);
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Uses_Join_Path_with_two_arguments_only(string script)
    {
        // Join-Path's -AdditionalChildPath (three or more parts) does not exist in 5.1.
        var offending = CodeLines(script)
            .Where(line => line.Text.Contains("-AdditionalChildPath", StringComparison.OrdinalIgnoreCase)
                || ThreePartJoinPath().IsMatch(line.Text))
            .Select(line => $"{script}:{line.Number}: {line.Text.Trim()}")
            .ToList();
        Assert.Empty(offending);
    }

    [Fact]
    public void The_guard_sees_the_operators_it_forbids()
    {
        Assert.Matches(SevenOnlyOperator(), "$a = $b ?? 'x'");
        Assert.Matches(SevenOnlyOperator(), "dotnet build && dotnet test");
        Assert.Matches(SevenOnlyOperator(), "$x = $ok ? 1 : 2");
        Assert.Matches(ThreePartJoinPath(), "Join-Path $root 'a' 'b'");
        Assert.DoesNotMatch(SevenOnlyOperator(), "if ($a -or $b) { 'ok' }   # who? me");
        Assert.DoesNotMatch(ThreePartJoinPath(), "Join-Path (Join-Path $root 'a') 'b'");
    }

    // ??, ??=, ?. , &&, || and the ternary "cond ? a : b" (a '?' between spaces followed later by ' : ').
    [GeneratedRegex(@"\?\?|\?\.|&&|\|\||\s\?\s[^:]*\s:\s")]
    private static partial Regex SevenOnlyOperator();

    // Join-Path followed by three plain arguments (variables or quoted strings).
    [GeneratedRegex(@"Join-Path\s+(\$\w+|'[^']*'|""[^""]*"")\s+('[^']*'|""[^""]*""|\$\w+)\s+('[^']*'|""[^""]*""|\$\w+)")]
    private static partial Regex ThreePartJoinPath();

    private static IEnumerable<(int Number, string Text)> CodeLines(string script)
    {
        string[] lines = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, script));
        bool inComment = false;
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            if (line.TrimStart().StartsWith("<#", StringComparison.Ordinal)) { inComment = true; }
            if (inComment)
            {
                if (line.Contains("#>", StringComparison.Ordinal)) { inComment = false; }
                continue;
            }

            int hash = line.IndexOf(" #", StringComparison.Ordinal);
            string code = line.TrimStart().StartsWith('#') ? string.Empty : hash >= 0 ? line[..hash] : line;
            yield return (i + 1, code);
        }
    }
}
