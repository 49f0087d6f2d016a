using System.Reflection;
using System.Text.RegularExpressions;
using Cloudthread.PowerShell.Tests.Infrastructure;

namespace Cloudthread.PowerShell.Tests;

/// <summary>
/// Checks the Pester suites against the built assembly where pwsh is absent: every ErrorId and cmdlet class
/// they expect exists, every cmdlet they call is exported, and every area has its suite.
/// </summary>
public sealed partial class PesterSuiteConsistencyTests : IClassFixture<CmdletAssembly>
{
    private static readonly string SuiteFolder = Path.Combine(TestPaths.RepoRoot, "tests", "pester");
    private readonly CmdletAssembly _assembly;

    public PesterSuiteConsistencyTests(CmdletAssembly assembly) => _assembly = assembly;

    private static IEnumerable<(string File, string Text)> Suites() =>
        Directory.GetFiles(SuiteFolder, "*.Tests.ps1").Select(f => (Path.GetFileName(f), File.ReadAllText(f)));

    [Fact]
    public void Every_area_has_a_suite()
    {
        var files = Suites().Select(s => s.File).ToHashSet(StringComparer.Ordinal);
        foreach (var area in new[] { "Connection", "Events", "TagCatalog", "Metrics", "Users", "Teams", "TeamMembers", "SavingsOpportunities", "InvokeApiRequest", "Errors" })
        {
            Assert.Contains(area + ".Tests.ps1", files);
        }
    }

    [Fact]
    public void Every_expected_ErrorId_and_cmdlet_class_exists()
    {
        var errorIds = _assembly.Assembly.GetType("Cloudthread.PowerShell.Infrastructure.ErrorIds", throwOnError: true)!
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToHashSet(StringComparer.Ordinal);
        var classes = _assembly.Cmdlets.Select(c => c.Type.Name).ToHashSet(StringComparer.Ordinal);
        var problems = new List<string>();
        var checkedCount = 0;
        foreach (var (file, text) in Suites())
        {
            foreach (Match match in ForEachCmdletClass().Matches(text))
            {
                if (!classes.Contains(match.Groups["type"].Value))
                {
                    problems.Add(file + ": unknown cmdlet class " + match.Groups["type"].Value);
                }
            }

            foreach (Match match in ExpectedErrorId().Matches(text))
            {
                checkedCount++;
                var id = match.Groups["id"].Value;
                var type = match.Groups["type"].Value;
                if (!errorIds.Contains(id))
                {
                    problems.Add(file + ": unknown ErrorId " + id);
                }

                if (!classes.Contains(type) && !(type == "SendCtCustomDataCommand"))
                {
                    problems.Add(file + ": unknown cmdlet class " + type);
                }
            }
        }

        Assert.True(checkedCount > 30, "expected many ErrorId assertions, found " + checkedCount);
        Assert.Empty(problems);
    }

    [Fact]
    public void Every_module_cmdlet_the_suites_call_is_exported()
    {
        var exported = new ModuleManifest(TestPaths.ModuleManifest).Array("CmdletsToExport")!.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var called = Suites()
            .SelectMany(s => ModuleCommand().Matches(s.Text).Select(m => (s.File, Command: m.Value)))
            .Where(c => !exported.Contains(c.Command))
            .Select(c => c.File + ": " + c.Command)
            .Distinct()
            .ToList();
        Assert.Empty(called);
    }

    [Fact]
    public void Every_parameter_the_suites_pass_exists()
    {
        var parametersByCmdlet = _assembly.Cmdlets.ToDictionary(
            c => c.Name,
            c => c.Parameters.SelectMany(p => p.Aliases.Append(p.Name)).Concat(CommonParameters).ToHashSet(StringComparer.OrdinalIgnoreCase),
            StringComparer.OrdinalIgnoreCase);
        var problems = new List<string>();
        var checkedCount = 0;
        foreach (var (file, text) in Suites())
        {
            // Join backtick line continuations, then read each command up to the end of its pipeline element.
            foreach (Match call in CommandCall().Matches(text.Replace("`\r\n", " ", StringComparison.Ordinal).Replace("`\n", " ", StringComparison.Ordinal)))
            {
                if (!parametersByCmdlet.TryGetValue(call.Groups["command"].Value, out var parameters))
                {
                    continue;
                }

                foreach (Capture parameter in call.Groups["parameter"].Captures)
                {
                    checkedCount++;
                    if (!parameters.Contains(parameter.Value))
                    {
                        problems.Add(file + ": " + call.Groups["command"].Value + " has no parameter -" + parameter.Value);
                    }
                }
            }
        }

        Assert.True(checkedCount > 100, "expected many parameters, found " + checkedCount);
        Assert.Empty(problems);
    }

    [Fact]
    public void Every_api_cmdlet_is_exercised_by_a_suite()
    {
        var text = string.Concat(Suites().Select(s => s.Text));
        var untested = _assembly.Cmdlets.Select(c => c.Name).Where(n => !text.Contains(n, StringComparison.Ordinal)).ToList();
        Assert.Empty(untested);
    }

    [Fact]
    public void No_suite_names_a_client_type_literal()
    {
        // The built module loads Cloudthread.Client in a private load context, where PowerShell cannot resolve
        // [Cloudthread.Client.Models.Team]: type checks go by PSTypeNames (Assert-TypeName in Common.ps1).
        var offending = SuitesAndHelpers()
            .SelectMany(s => ClientTypeLiteral().Matches(s.Text).Select(m => s.File + ": " + m.Value))
            .ToList();
        Assert.Empty(offending);
    }

    [Fact]
    public void No_suite_pipes_or_wraps_Invoke_RestMethod()
    {
        // Invoke-RestMethod writes a JSON array as one object: piped on or wrapped in @() it is one item, not many.
        // The suites read the emulator's lists through Get-TestEmulatorEvent / Get-TestEmulatorCustomData.
        var offending = SuitesAndHelpers()
            .SelectMany(s => s.Text.Split('\n').Select((line, i) => (s.File, Line: i + 1, Text: line)))
            .Where(l => RestMethodPipedOrWrapped().IsMatch(l.Text))
            .Select(l => l.File + ":" + l.Line + ": " + l.Text.Trim())
            .ToList();
        Assert.Empty(offending);
    }

    [Fact]
    public void The_suite_guards_see_what_they_forbid()
    {
        Assert.Matches(ClientTypeLiteral(), "$x | Should -BeOfType ([Cloudthread.Client.Models.IngestSummary])");
        Assert.DoesNotMatch(ClientTypeLiteral(), "$x | Assert-TypeName 'Cloudthread.Client.Models.IngestSummary'");
        Assert.Matches(RestMethodPipedOrWrapped(), "@(Invoke-RestMethod -Uri $u) | Where-Object { $_ }");
        Assert.Matches(RestMethodPipedOrWrapped(), "Invoke-RestMethod -Uri $u | Where-Object { $_ }");
        Assert.DoesNotMatch(RestMethodPipedOrWrapped(), "$null = Invoke-RestMethod -Method Post -Uri $u");
        Assert.DoesNotMatch(RestMethodPipedOrWrapped(), "(Invoke-RestMethod -Uri $u).ingest_requests");
    }

    private static IEnumerable<(string File, string Text)> SuitesAndHelpers() =>
        Directory.GetFiles(SuiteFolder, "*.ps1").Select(f => (Path.GetFileName(f), File.ReadAllText(f)));

    private static readonly string[] CommonParameters =
    {
        "Verbose", "Debug", "ErrorAction", "ErrorVariable", "WarningAction", "WarningVariable", "InformationAction",
        "InformationVariable", "OutVariable", "OutBuffer", "PipelineVariable", "ProgressAction", "WhatIf", "Confirm",
    };

    /// <summary>A module command and the -Parameter names that follow it, up to a pipe, brace, parenthesis or line end.</summary>
    [GeneratedRegex(@"(?<command>\b[A-Z][a-z]+-(?:Ct[A-Z]\w+|Cloudthread)\b)(?:[^|{}()\r\n]*?\s-(?<parameter>[A-Za-z]\w*))*")]
    private static partial Regex CommandCall();

    /// <summary>Get-ExpectedErrorId 'TeamNotFound' 'GetCtTeamCommand' (the suites' helper for '&lt;ErrorId&gt;,&lt;cmdlet class&gt;').</summary>
    [GeneratedRegex(@"Get-ExpectedErrorId\s+'(?<id>\w+)'\s+'(?<type>\w+)'")]
    private static partial Regex ExpectedErrorId();

    /// <summary>Test cases of the form @{ ...; Class = 'GetCtTeamCommand'; ... }.</summary>
    [GeneratedRegex(@"\bClass\s*=\s*'(?<type>\w+)'")]
    private static partial Regex ForEachCmdletClass();

    /// <summary>A type literal naming a client type: [Cloudthread.Client.Models.Team].</summary>
    [GeneratedRegex(@"\[Cloudthread\.Client\.[\w.]+\]")]
    private static partial Regex ClientTypeLiteral();

    /// <summary>Invoke-RestMethod inside @( ... ) or followed on its line by a pipe.</summary>
    [GeneratedRegex(@"@\(\s*Invoke-RestMethod|Invoke-RestMethod[^|\r\n]*\|")]
    private static partial Regex RestMethodPipedOrWrapped();

    /// <summary>Verb-Ct... commands and Connect/Disconnect-Cloudthread (helpers of the suites use other nouns).</summary>
    [GeneratedRegex(@"\b[A-Z][a-z]+-(Ct[A-Z]\w+|Cloudthread)\b")]
    private static partial Regex ModuleCommand();
}
