using System.Text.RegularExpressions;

namespace Cloudthread.PowerShell.Tests.Help;

/// <summary>
/// A help page in the markdown of Microsoft.PowerShell.PlatyPS 1.0 (schema 2024-05-01), cut into its front matter,
/// title, level-2 sections and their level-3 subsections. Headings inside code fences are text, as for PlatyPS.
/// </summary>
internal sealed partial class MarkdownHelpPage
{
    private MarkdownHelpPage(string fileName, IReadOnlyList<KeyValuePair<string, string>> frontMatter, string? title, IReadOnlyList<HelpSection> sections)
    {
        FileName = fileName;
        FrontMatter = frontMatter;
        Title = title;
        Sections = sections;
    }

    public string FileName { get; }

    /// <summary>The front matter's keys and values, in file order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> FrontMatter { get; }

    /// <summary>The level-1 heading.</summary>
    public string? Title { get; }

    public IReadOnlyList<HelpSection> Sections { get; }

    public string? Metadata(string key) => FrontMatter.Where(p => p.Key == key).Select(p => p.Value).FirstOrDefault();

    public HelpSection? Section(string heading) => Sections.FirstOrDefault(s => s.Heading == heading);

    public static MarkdownHelpPage Read(string path)
    {
        var lines = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var frontMatter = new List<KeyValuePair<string, string>>();
        var index = 0;
        if (lines.Length > 0 && lines[0] == "---")
        {
            for (index = 1; index < lines.Length && lines[index] != "---"; index++)
            {
                var colon = lines[index].IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    frontMatter.Add(new(lines[index][..colon].Trim(), lines[index][(colon + 1)..].Trim()));
                }
            }

            index++;
        }

        string? title = null;
        var sections = new List<HelpSection>();
        HelpSection? section = null;
        HelpSubsection? subsection = null;
        var inFence = false;
        for (; index < lines.Length; index++)
        {
            var line = lines[index];
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
            }
            else if (!inFence && line.StartsWith("# ", StringComparison.Ordinal))
            {
                title ??= line[2..].Trim();
                continue;
            }
            else if (!inFence && line.StartsWith("## ", StringComparison.Ordinal))
            {
                section = new HelpSection(line[3..].Trim());
                sections.Add(section);
                subsection = null;
                continue;
            }
            else if (!inFence && line.StartsWith("### ", StringComparison.Ordinal) && section is not null)
            {
                subsection = new HelpSubsection(line[4..].Trim());
                section.Subsections.Add(subsection);
                continue;
            }

            if (subsection is not null)
            {
                subsection.Lines.Add(line);
            }
            else
            {
                section?.Lines.Add(line);
            }
        }

        return new MarkdownHelpPage(Path.GetFileName(path), frontMatter, title, sections);
    }

    /// <summary>The fenced code blocks of some markdown text: info string (language) and content.</summary>
    public static IReadOnlyList<(string Language, string Code)> CodeBlocks(string text) =>
        CodeBlock().Matches(text).Select(m => (m.Groups["lang"].Value.Trim(), m.Groups["code"].Value)).ToList();

    [GeneratedRegex(@"^```(?<lang>[^\n]*)\n(?<code>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex CodeBlock();
}

/// <summary>A level-2 section: its own text (before any level-3 heading) and its level-3 subsections.</summary>
internal sealed class HelpSection
{
    public HelpSection(string heading) => Heading = heading;

    public string Heading { get; }

    public List<string> Lines { get; } = new();

    public List<HelpSubsection> Subsections { get; } = new();

    public string Text => string.Join("\n", Lines).Trim();
}

/// <summary>A level-3 subsection: an example, a parameter, a syntax block, an input or output type.</summary>
internal sealed class HelpSubsection
{
    public HelpSubsection(string heading) => Heading = heading;

    public string Heading { get; }

    public List<string> Lines { get; } = new();

    public string Text => string.Join("\n", Lines).Trim();

    /// <summary>The text before the first code fence (a parameter's description).</summary>
    public string TextBeforeCode => string.Join("\n", Lines.TakeWhile(l => !l.StartsWith("```", StringComparison.Ordinal))).Trim();
}
