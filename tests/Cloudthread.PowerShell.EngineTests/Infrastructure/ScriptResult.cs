using System.Collections.ObjectModel;
using System.Management.Automation;

namespace Cloudthread.PowerShell.EngineTests.Infrastructure;

/// <summary>Everything one script run produced: output, every stream, and the terminating error if any.</summary>
public sealed record ScriptResult(
    Collection<PSObject> Output,
    IReadOnlyList<ErrorRecord> Errors,
    IReadOnlyList<string> Verbose,
    IReadOnlyList<string> Debug,
    IReadOnlyList<string> Warnings,
    ErrorRecord? Terminating)
{
    /// <summary>Every text a user could see: output rendered as strings, all streams, every error message and its details.</summary>
    public IEnumerable<string> AllText()
    {
        foreach (var item in Output)
        {
            yield return item?.ToString() ?? string.Empty;
        }

        foreach (var text in Verbose.Concat(Debug).Concat(Warnings))
        {
            yield return text;
        }

        foreach (var record in Errors.Concat(Terminating is null ? [] : [Terminating]))
        {
            yield return record.ToString();
            yield return record.Exception?.ToString() ?? string.Empty;
            yield return record.ErrorDetails?.Message ?? string.Empty;
            yield return record.ErrorDetails?.RecommendedAction ?? string.Empty;
            yield return record.TargetObject?.ToString() ?? string.Empty;
        }
    }

    public void AssertNoErrors()
    {
        Assert.True(Terminating is null, $"terminating error: {Terminating}");
        Assert.True(Errors.Count == 0, "errors: " + string.Join(" | ", Errors.Select(e => $"{e.FullyQualifiedErrorId}: {e}")));
    }
}
