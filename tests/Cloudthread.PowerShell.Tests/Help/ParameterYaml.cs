using YamlDotNet.Serialization;

namespace Cloudthread.PowerShell.Tests.Help;

/// <summary>
/// A parameter's yaml block as PlatyPS 1.0 writes and reads it. Deserialized strictly (an unknown key fails, as it
/// makes Import-MarkdownCommandHelp drop the block), and its keys must come in PlatyPS's order.
/// </summary>
internal sealed class ParameterYaml
{
    /// <summary>The top-level keys, in the order New-MarkdownCommandHelp writes them.</summary>
    public static readonly IReadOnlyList<string> KeyOrder = new[]
    {
        "Type", "DefaultValue", "SupportsWildcards", "Aliases", "ParameterSets", "DontShow", "AcceptedValues", "HelpMessage",
    };

    /// <summary>The keys of each parameter set entry, in order.</summary>
    public static readonly IReadOnlyList<string> SetKeyOrder = new[]
    {
        "Name", "Position", "IsRequired", "ValueFromPipeline", "ValueFromPipelineByPropertyName", "ValueFromRemainingArguments",
    };

    private static readonly IDeserializer Deserializer = new DeserializerBuilder().Build();

    public string Type { get; set; } = string.Empty;

    public string? DefaultValue { get; set; }

    public bool SupportsWildcards { get; set; }

    public List<string> Aliases { get; set; } = new();

    public List<ParameterSetYaml> ParameterSets { get; set; } = new();

    public bool DontShow { get; set; }

    public List<string> AcceptedValues { get; set; } = new();

    public string? HelpMessage { get; set; }

    public static ParameterYaml Parse(string yaml) => Deserializer.Deserialize<ParameterYaml>(yaml) ?? new ParameterYaml();

    /// <summary>The top-level keys of a block (lines that start with a key, not a list item or an indented key).</summary>
    public static IReadOnlyList<string> TopLevelKeys(string yaml) => yaml.Split('\n')
        .Where(l => l.Length > 0 && char.IsLetter(l[0]) && l.Contains(':', StringComparison.Ordinal))
        .Select(l => l[..l.IndexOf(':', StringComparison.Ordinal)])
        .ToList();

    /// <summary>The keys of the parameter set entries, in order, as "- Name" then "  Position"... (one list per entry).</summary>
    public static IReadOnlyList<IReadOnlyList<string>> SetKeys(string yaml)
    {
        var result = new List<IReadOnlyList<string>>();
        List<string>? current = null;
        var inSets = false;
        foreach (var line in yaml.Split('\n'))
        {
            if (line.Length > 0 && char.IsLetter(line[0]))
            {
                inSets = line.StartsWith("ParameterSets:", StringComparison.Ordinal);
                continue;
            }

            if (!inSets || !line.Contains(':', StringComparison.Ordinal))
            {
                continue;
            }

            var key = line.TrimStart('-', ' ')[..line.TrimStart('-', ' ').IndexOf(':', StringComparison.Ordinal)];
            if (line.StartsWith("- ", StringComparison.Ordinal))
            {
                current = new List<string>();
                result.Add(current);
            }

            current?.Add(key);
        }

        return result;
    }
}

internal sealed class ParameterSetYaml
{
    public string Name { get; set; } = string.Empty;

    public string Position { get; set; } = string.Empty;

    public bool IsRequired { get; set; }

    public bool ValueFromPipeline { get; set; }

    public bool ValueFromPipelineByPropertyName { get; set; }

    public bool ValueFromRemainingArguments { get; set; }
}
