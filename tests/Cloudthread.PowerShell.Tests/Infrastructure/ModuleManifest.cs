using System.Text.RegularExpressions;

namespace Cloudthread.PowerShell.Tests.Infrastructure;

/// <summary>Reads the few keys of Cloudthread.psd1 the tests check (a PowerShell data file of simple literals).</summary>
internal sealed class ModuleManifest
{
    private readonly string _text;

    public ModuleManifest(string path)
    {
        // Comments out, so that a commented-out entry does not count.
        _text = Regex.Replace(File.ReadAllText(path), @"(?m)#.*$", string.Empty);
    }

    /// <summary>The value of a scalar key ('text'), or null.</summary>
    public string? Scalar(string key)
    {
        var match = Regex.Match(_text, @"(?im)^\s*" + Regex.Escape(key) + @"\s*=\s*'([^']*)'");
        return match.Success ? match.Groups[1].Value : null;
    }

    /// <summary>The strings of an array key (@('a', 'b') or @() or a single 'a'), or null when the key is absent.</summary>
    public IReadOnlyList<string>? Array(string key)
    {
        var match = Regex.Match(_text, @"(?is)^\s*" + Regex.Escape(key) + @"\s*=\s*(@\((?<items>.*?)\)|(?<items>'[^']*'))", RegexOptions.Multiline);
        if (!match.Success)
        {
            return null;
        }

        return Regex.Matches(match.Groups["items"].Value, "'([^']*)'").Select(m => m.Groups[1].Value).ToList();
    }
}
