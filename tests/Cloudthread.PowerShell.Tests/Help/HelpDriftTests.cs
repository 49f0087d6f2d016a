using System.Globalization;
using System.Text.RegularExpressions;
using Cloudthread.PowerShell.Tests.Infrastructure;

namespace Cloudthread.PowerShell.Tests.Help;

/// <summary>
/// The help pages (docs/en-US, PlatyPS 1.0 markdown) against the compiled cmdlets: a page per cmdlet, every parameter
/// with its declared type, sets, position, pipeline input, aliases, accepted values and wildcards, and real content.
/// One test case per cmdlet, so that a failure names the cmdlet; each message names the page and the parameter.
/// </summary>
public sealed partial class HelpDriftTests : IClassFixture<CmdletAssembly>
{
    private const string ModulePageName = "Cloudthread.md";
    private const string HelpUriPrefix = "https://github.com/cloudthreadps/CloudthreadPS/blob/main/docs/en-US/";

    private static readonly string HelpFolder = Path.Combine(TestPaths.RepoRoot, "docs", "en-US");

    private static readonly string[] SectionOrder =
    {
        "SYNOPSIS", "SYNTAX", "ALIASES", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS",
    };

    private static readonly string[] FrontMatterOrder =
    {
        "document type", "external help file", "HelpUri", "Locale", "Module Name", "ms.date", "PlatyPS schema version", "title",
    };

    private readonly CmdletAssembly _assembly;

    public HelpDriftTests(CmdletAssembly assembly) => _assembly = assembly;

    /// <summary>The cmdlets compiled into the module (read once at discovery).</summary>
    public static TheoryData<string> CompiledCmdlets()
    {
        using var assembly = new CmdletAssembly();
        var data = new TheoryData<string>();
        foreach (var cmdlet in assembly.Cmdlets)
        {
            data.Add(cmdlet.Name);
        }

        return data;
    }

    /// <summary>The cmdlets the manifest exports (what users get).</summary>
    public static TheoryData<string> ExportedCmdlets()
    {
        var data = new TheoryData<string>();
        foreach (var name in ExportedCmdletNames())
        {
            data.Add(name);
        }

        return data;
    }

    private static IReadOnlyList<string> ExportedCmdletNames() =>
        new ModuleManifest(TestPaths.ModuleManifest).Array("CmdletsToExport") ?? (IReadOnlyList<string>)Array.Empty<string>();

    [Theory]
    [MemberData(nameof(ExportedCmdlets))]
    public void Every_exported_cmdlet_has_a_page(string cmdlet)
    {
        Assert.True(File.Exists(PagePath(cmdlet)), "docs/en-US/" + cmdlet + ".md is missing: write the help page of " + cmdlet + ".");
    }

    [Theory]
    [MemberData(nameof(CompiledCmdlets))]
    public void The_page_has_the_PlatyPS_shape_and_real_content(string cmdlet)
    {
        var page = ReadPage(cmdlet);
        var expected = ExpectedHelp.For(_assembly.Cmdlet(cmdlet));
        var problems = new List<string>();
        void Problem(string text) => problems.Add(page.FileName + ": " + text);

        var keys = page.FrontMatter.Select(p => p.Key).ToList();
        if (!keys.SequenceEqual(FrontMatterOrder))
        {
            Problem("front matter keys are [" + string.Join(", ", keys) + "], PlatyPS 1.0 writes [" + string.Join(", ", FrontMatterOrder) + "]");
        }

        ExpectMetadata(page, "document type", "cmdlet", Problem);
        ExpectMetadata(page, "external help file", "Cloudthread.PowerShell.dll-Help.xml", Problem);
        ExpectMetadata(page, "Locale", "en-US", Problem);
        ExpectMetadata(page, "Module Name", "Cloudthread", Problem);
        ExpectMetadata(page, "PlatyPS schema version", "2024-05-01", Problem);
        ExpectMetadata(page, "title", cmdlet, Problem);
        if (expected.HelpUri != HelpUriPrefix + cmdlet + ".md")
        {
            Problem("the cmdlet's HelpUri is '" + expected.HelpUri + "', expected '" + HelpUriPrefix + cmdlet + ".md'");
        }

        ExpectMetadata(page, "HelpUri", HelpUriPrefix + cmdlet + ".md", Problem);
        if (!DateTime.TryParseExact(page.Metadata("ms.date"), "MM/dd/yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            Problem("ms.date '" + page.Metadata("ms.date") + "' is not MM/dd/yyyy");
        }

        if (page.Title != cmdlet)
        {
            Problem("the title (# heading) is '" + page.Title + "', not " + cmdlet);
        }

        var headings = page.Sections.Select(s => s.Heading).ToList();
        if (!headings.SequenceEqual(SectionOrder))
        {
            Problem("sections are [" + string.Join(", ", headings) + "], PlatyPS 1.0 writes [" + string.Join(", ", SectionOrder) + "]");
        }

        var synopsis = page.Section("SYNOPSIS")?.Text ?? string.Empty;
        if (synopsis.Length == 0)
        {
            Problem("the SYNOPSIS is empty");
        }

        if ((page.Section("DESCRIPTION")?.Text ?? string.Empty).Length < 40)
        {
            Problem("the DESCRIPTION is missing or too short to describe anything");
        }

        var examples = page.Section("EXAMPLES")?.Subsections ?? new List<HelpSubsection>();
        if (examples.Count < 2)
        {
            Problem("has " + examples.Count + " example(s); at least two are needed");
        }

        for (var i = 0; i < examples.Count; i++)
        {
            var example = examples[i];
            if (!ExampleHeading().IsMatch(example.Heading) || !example.Heading.StartsWith("Example " + (i + 1) + ":", StringComparison.Ordinal))
            {
                Problem("example heading '" + example.Heading + "' is not 'Example " + (i + 1) + ": <title>'");
            }

            var code = MarkdownHelpPage.CodeBlocks(example.Text).Where(b => b.Language == "powershell").ToList();
            if (code.Count == 0 || code.Any(b => b.Code.Trim().Length == 0))
            {
                Problem("example '" + example.Heading + "' has no ```powershell code");
            }

            var remarks = Regex.Replace(example.Text, "(?s)```.*?```", string.Empty).Trim();
            if (remarks.Length == 0)
            {
                Problem("example '" + example.Heading + "' does not explain its code");
            }
        }

        foreach (var section in new[] { "INPUTS", "OUTPUTS" })
        {
            foreach (var item in page.Section(section)?.Subsections ?? new List<HelpSubsection>())
            {
                if (item.Text.Length == 0)
                {
                    Problem(section + " '" + item.Heading + "' has no description");
                }
            }
        }

        if (page.Section("RELATED LINKS") is { } links && !links.Text.Contains("](", StringComparison.Ordinal))
        {
            Problem("RELATED LINKS has no link");
        }

        var text = File.ReadAllText(PagePath(cmdlet));
        if (text.Contains("{{", StringComparison.Ordinal))
        {
            Problem("still has a PlatyPS placeholder ({{ ... }})");
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(CompiledCmdlets))]
    public void The_page_documents_every_parameter_as_declared(string cmdlet)
    {
        var page = ReadPage(cmdlet);
        var expected = ExpectedHelp.For(_assembly.Cmdlet(cmdlet));
        var problems = new List<string>();
        var section = page.Section("PARAMETERS");
        Assert.True(section is not null, page.FileName + ": no PARAMETERS section");

        var documented = section!.Subsections.Where(s => s.Heading != "CommonParameters").ToList();
        foreach (var entry in documented.Where(s => !s.Heading.StartsWith('-')))
        {
            problems.Add(page.FileName + ": parameter heading '### " + entry.Heading + "' must be '### -<Name>'");
        }

        var names = documented.Select(s => s.Heading.TrimStart('-')).ToList();
        foreach (var missing in expected.Parameters.Select(p => p.Name).Except(names, StringComparer.Ordinal))
        {
            problems.Add(page.FileName + ": -" + missing + " is not documented");
        }

        foreach (var stale in names.Except(expected.Parameters.Select(p => p.Name), StringComparer.Ordinal))
        {
            problems.Add(page.FileName + ": -" + stale + " is documented but " + cmdlet + " has no such parameter");
        }

        if (!names.SequenceEqual(names.OrderBy(n => n, StringComparer.Ordinal)))
        {
            problems.Add(page.FileName + ": parameters are not in alphabetical order as PlatyPS writes them: " + string.Join(", ", names));
        }

        if (section.Subsections.LastOrDefault()?.Heading != "CommonParameters")
        {
            problems.Add(page.FileName + ": the CommonParameters paragraph must end PARAMETERS");
        }

        foreach (var parameter in expected.Parameters)
        {
            var entry = documented.FirstOrDefault(s => s.Heading == "-" + parameter.Name);
            if (entry is not null)
            {
                CompareParameter(page.FileName, parameter, entry, problems);
            }
        }

        CompareSyntax(page, expected, problems);
        CompareInputsAndOutputs(page, expected, problems);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Every_page_is_a_cmdlet_the_module_page_or_an_about_topic()
    {
        var known = _assembly.Cmdlets.Select(c => c.Name)
            .Concat(ExportedCmdletNames())
            .ToHashSet(StringComparer.Ordinal);
        var stale = Directory.GetFiles(HelpFolder, "*.md")
            .Select(Path.GetFileName)
            .Where(f => f != ModulePageName && !f!.StartsWith("about_", StringComparison.Ordinal) && !known.Contains(Path.GetFileNameWithoutExtension(f)!))
            .ToList();
        Assert.True(stale.Count == 0, "docs/en-US has pages for commands the module does not have: " + string.Join(", ", stale));
    }

    [Fact]
    public void The_module_page_lists_every_cmdlet_with_its_synopsis()
    {
        var modulePage = MarkdownHelpPage.Read(Path.Combine(HelpFolder, ModulePageName));
        var problems = new List<string>();
        var keys = modulePage.FrontMatter.Select(p => p.Key).ToList();
        string[] moduleKeys = { "document type", "Help Version", "HelpInfoUri", "Locale", "Module Guid", "Module Name", "ms.date", "PlatyPS schema version", "title" };
        if (!keys.SequenceEqual(moduleKeys))
        {
            problems.Add(ModulePageName + ": front matter keys are [" + string.Join(", ", keys) + "], PlatyPS 1.0 writes [" + string.Join(", ", moduleKeys) + "]");
        }

        var manifest = new ModuleManifest(TestPaths.ModuleManifest);
        if (modulePage.Metadata("document type") != "module" || modulePage.Metadata("Module Name") != "Cloudthread" ||
            modulePage.Metadata("title") != "Cloudthread Module" || modulePage.Title != "Cloudthread Module")
        {
            problems.Add(ModulePageName + ": document type must be module, Module Name Cloudthread and the title 'Cloudthread Module'");
        }

        if (!string.Equals(modulePage.Metadata("Module Guid"), manifest.Scalar("GUID"), StringComparison.OrdinalIgnoreCase))
        {
            problems.Add(ModulePageName + ": Module Guid " + modulePage.Metadata("Module Guid") + " is not the manifest's GUID " + manifest.Scalar("GUID"));
        }

        if ((modulePage.Section("Description")?.Text ?? string.Empty).Length == 0)
        {
            problems.Add(ModulePageName + ": the Description is empty");
        }

        var listed = (modulePage.Section("Cloudthread")?.Subsections ?? new List<HelpSubsection>())
            .Select(s => (Match: ModuleEntry().Match(s.Heading), s.Text))
            .ToList();
        foreach (var (match, _) in listed.Where(l => !l.Match.Success || l.Match.Groups["name"].Value + ".md" != l.Match.Groups["link"].Value))
        {
            problems.Add(ModulePageName + ": '" + match.Value + "' is not '### [<Cmdlet>](<Cmdlet>.md)'");
        }

        var names = listed.Select(l => l.Match.Groups["name"].Value).ToList();
        foreach (var cmdlet in ExportedCmdletNames())
        {
            var entry = listed.FirstOrDefault(l => l.Match.Groups["name"].Value == cmdlet);
            if (entry.Match is null)
            {
                problems.Add(ModulePageName + ": " + cmdlet + " is not listed");
                continue;
            }

            if (File.Exists(PagePath(cmdlet)))
            {
                var synopsis = MarkdownHelpPage.Read(PagePath(cmdlet)).Section("SYNOPSIS")?.Text;
                if (entry.Text != synopsis)
                {
                    problems.Add(ModulePageName + ": the synopsis of " + cmdlet + " is '" + entry.Text + "', its page says '" + synopsis + "'");
                }
            }
        }

        foreach (var extra in names.Except(ExportedCmdletNames(), StringComparer.Ordinal))
        {
            problems.Add(ModulePageName + ": lists " + extra + ", which the module does not export");
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static void CompareParameter(string file, ExpectedParameter parameter, HelpSubsection entry, List<string> problems)
    {
        void Problem(string text) => problems.Add(file + ": -" + parameter.Name + ": " + text);

        if (entry.TextBeforeCode.Length == 0 || entry.TextBeforeCode.Contains("{{", StringComparison.Ordinal))
        {
            Problem("has no description");
        }

        var yaml = MarkdownHelpPage.CodeBlocks(entry.Text).Where(b => b.Language == "yaml").Select(b => b.Code).ToList();
        if (yaml.Count != 1)
        {
            Problem("needs exactly one ```yaml block, found " + yaml.Count);
            return;
        }

        var keys = ParameterYaml.TopLevelKeys(yaml[0]);
        if (!keys.SequenceEqual(ParameterYaml.KeyOrder))
        {
            Problem("yaml keys are [" + string.Join(", ", keys) + "], PlatyPS 1.0 writes [" + string.Join(", ", ParameterYaml.KeyOrder) + "]");
        }

        foreach (var setKeys in ParameterYaml.SetKeys(yaml[0]).Where(k => !k.SequenceEqual(ParameterYaml.SetKeyOrder)))
        {
            Problem("a parameter set's keys are [" + string.Join(", ", setKeys) + "], PlatyPS 1.0 writes [" + string.Join(", ", ParameterYaml.SetKeyOrder) + "]");
        }

        ParameterYaml metadata;
        try
        {
            metadata = ParameterYaml.Parse(yaml[0]);
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            Problem("the yaml block does not parse as PlatyPS parameter metadata: " + ex.Message);
            return;
        }

        if (metadata.Type != parameter.TypeName)
        {
            Problem("Type is " + metadata.Type + ", the cmdlet declares " + parameter.TypeName);
        }

        if (metadata.SupportsWildcards != parameter.SupportsWildcards)
        {
            Problem("SupportsWildcards is " + metadata.SupportsWildcards + ", the cmdlet " + (parameter.SupportsWildcards ? "has" : "has no") + " [SupportsWildcards]");
        }

        if (!metadata.Aliases.OrderBy(a => a, StringComparer.Ordinal).SequenceEqual(parameter.Aliases.OrderBy(a => a, StringComparer.Ordinal)))
        {
            Problem("Aliases are [" + string.Join(", ", metadata.Aliases) + "], the cmdlet declares [" + string.Join(", ", parameter.Aliases) + "]");
        }

        if (!metadata.AcceptedValues.SequenceEqual(parameter.AcceptedValues))
        {
            Problem("AcceptedValues are [" + string.Join(", ", metadata.AcceptedValues) + "], the cmdlet accepts [" + string.Join(", ", parameter.AcceptedValues) + "]");
        }

        if (metadata.DontShow)
        {
            Problem("DontShow is true, but no parameter of the module is hidden");
        }

        var documentedSets = metadata.ParameterSets.Select(s => s.Name).ToList();
        var declaredSets = parameter.Sets.Select(s => s.Name).ToList();
        if (!documentedSets.OrderBy(n => n, StringComparer.Ordinal).SequenceEqual(declaredSets.OrderBy(n => n, StringComparer.Ordinal)))
        {
            Problem("ParameterSets are [" + string.Join(", ", documentedSets) + "], the cmdlet declares [" + string.Join(", ", declaredSets) + "]");
            return;
        }

        foreach (var set in parameter.Sets)
        {
            var documented = metadata.ParameterSets.Single(s => s.Name == set.Name);
            var where = "in set " + set.Name + ", ";
            if (documented.Position != set.Position)
            {
                Problem(where + "Position is " + documented.Position + ", the cmdlet declares " + set.Position);
            }

            if (documented.IsRequired != set.IsRequired)
            {
                Problem(where + "IsRequired is " + documented.IsRequired + ", the cmdlet declares Mandatory = " + set.IsRequired);
            }

            if (documented.ValueFromPipeline != set.ValueFromPipeline)
            {
                Problem(where + "ValueFromPipeline is " + documented.ValueFromPipeline + ", the cmdlet declares " + set.ValueFromPipeline);
            }

            if (documented.ValueFromPipelineByPropertyName != set.ValueFromPipelineByPropertyName)
            {
                Problem(where + "ValueFromPipelineByPropertyName is " + documented.ValueFromPipelineByPropertyName + ", the cmdlet declares " + set.ValueFromPipelineByPropertyName);
            }

            if (documented.ValueFromRemainingArguments)
            {
                Problem(where + "ValueFromRemainingArguments is true, but no parameter of the module takes remaining arguments");
            }
        }
    }

    /// <summary>One syntax block per parameter set (the default one marked), naming the cmdlet and every parameter of the set.</summary>
    private static void CompareSyntax(MarkdownHelpPage page, ExpectedHelp expected, List<string> problems)
    {
        var blocks = page.Section("SYNTAX")?.Subsections ?? new List<HelpSubsection>();
        var documented = blocks.Select(b => b.Heading.EndsWith(" (Default)", StringComparison.Ordinal) ? b.Heading[..^" (Default)".Length] : b.Heading).ToList();
        if (!documented.OrderBy(n => n, StringComparer.Ordinal).SequenceEqual(expected.ParameterSets.OrderBy(n => n, StringComparer.Ordinal)))
        {
            problems.Add(page.FileName + ": SYNTAX has blocks [" + string.Join(", ", documented) + "], the cmdlet has parameter sets [" + string.Join(", ", expected.ParameterSets) + "]");
            return;
        }

        foreach (var block in blocks)
        {
            var setName = documented[blocks.IndexOf(block)];
            var isDefault = block.Heading.EndsWith(" (Default)", StringComparison.Ordinal);
            var shouldBeDefault = expected.ParameterSets.Count > 1 || setName != ExpectedHelp.AllSetsName
                ? setName == (expected.DefaultParameterSet ?? expected.ParameterSets[0])
                : false;
            if (isDefault != shouldBeDefault)
            {
                problems.Add(page.FileName + ": SYNTAX block '" + block.Heading + "' " + (shouldBeDefault ? "must" : "must not") + " be marked (Default)");
            }

            var code = MarkdownHelpPage.CodeBlocks(block.Text).Select(b => b.Code).FirstOrDefault() ?? string.Empty;
            if (!code.StartsWith(expected.Cmdlet.Name + " ", StringComparison.Ordinal) && code.Trim() != expected.Cmdlet.Name)
            {
                problems.Add(page.FileName + ": SYNTAX block " + setName + " does not start with " + expected.Cmdlet.Name);
            }

            var inSet = expected.Parameters.Where(p => p.Sets.Any(s => s.Name == setName || s.Name == ExpectedHelp.AllSetsLabel)).Select(p => p.Name).ToList();
            var shown = SyntaxParameter().Matches(code).Select(m => m.Groups["name"].Value).ToList();
            foreach (var missing in inSet.Except(shown, StringComparer.Ordinal))
            {
                problems.Add(page.FileName + ": SYNTAX block " + setName + " does not show -" + missing);
            }

            foreach (var extra in shown.Except(inSet, StringComparer.Ordinal))
            {
                problems.Add(page.FileName + ": SYNTAX block " + setName + " shows -" + extra + ", which is not in that parameter set");
            }
        }
    }

    /// <summary>
    /// INPUTS names the type of every pipeline-bound parameter; OUTPUTS every [OutputType], by the name Get-Command and
    /// PlatyPS give it (System.Void for a cmdlet that writes nothing).
    /// </summary>
    private static void CompareInputsAndOutputs(MarkdownHelpPage page, ExpectedHelp expected, List<string> problems)
    {
        var inputs = (page.Section("INPUTS")?.Subsections ?? new List<HelpSubsection>()).Select(s => s.Heading).ToHashSet(StringComparer.Ordinal);
        foreach (var parameter in expected.Parameters.Where(p => p.TakesPipelineInput && p.InputType is not null))
        {
            var typeName = ExpectedHelp.TypeName(parameter.InputType!);
            if (!inputs.Contains(typeName))
            {
                problems.Add(page.FileName + ": -" + parameter.Name + " takes pipeline input, but INPUTS has no '### " + typeName + "'");
            }
        }

        if (!expected.Parameters.Any(p => p.TakesPipelineInput) && !inputs.SetEquals(new[] { "None" }))
        {
            problems.Add(page.FileName + ": nothing binds from the pipeline, so INPUTS must be '### None'");
        }

        var outputs = (page.Section("OUTPUTS")?.Subsections ?? new List<HelpSubsection>()).Select(s => s.Heading).ToHashSet(StringComparer.Ordinal);
        foreach (var type in expected.Cmdlet.OutputTypeTypes())
        {
            var typeName = ExpectedHelp.TypeName(type);
            if (!outputs.Contains(typeName))
            {
                problems.Add(page.FileName + ": the cmdlet declares [OutputType(" + type.FullName + ")], but OUTPUTS has no '### " + typeName + "'");
            }
        }
    }

    private static void ExpectMetadata(MarkdownHelpPage page, string key, string value, Action<string> problem)
    {
        if (page.Metadata(key) != value)
        {
            problem("front matter '" + key + "' is '" + page.Metadata(key) + "', expected '" + value + "'");
        }
    }

    private static string PagePath(string cmdlet) => Path.Combine(HelpFolder, cmdlet + ".md");

    private static MarkdownHelpPage ReadPage(string cmdlet)
    {
        Assert.True(File.Exists(PagePath(cmdlet)), "docs/en-US/" + cmdlet + ".md is missing: write the help page of " + cmdlet + ".");
        return MarkdownHelpPage.Read(PagePath(cmdlet));
    }

    [GeneratedRegex(@"^Example \d+: \S")]
    private static partial Regex ExampleHeading();

    [GeneratedRegex(@"^\[(?<name>[A-Za-z]+-[A-Za-z]+)\]\((?<link>[^)]+)\)$")]
    private static partial Regex ModuleEntry();

    [GeneratedRegex(@"(?<![\w-])-(?<name>[A-Za-z]+)\b")]
    private static partial Regex SyntaxParameter();
}
