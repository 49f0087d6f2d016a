namespace Cloudthread.PowerShell.Tests.Isolation;

/// <summary>Tests that touch process-wide assembly resolution run one at a time.</summary>
[CollectionDefinition(nameof(ProcessWideResolution), DisableParallelization = true)]
public sealed class ProcessWideResolution
{
}
