namespace Cloudthread.Bench;

/// <summary>Command line: --runs N (median of N, default 5), --quick (sizes / 10, 3 runs), --only 1,4,7 (those items; item 6 also measures item 2, its reference), --pwsh-runs N (item 6 in pwsh: median of N processes per host and way, default 3), --no-pwsh, --in-process (item 6 on the hosted engine even when pwsh exists), --bdn (BenchmarkDotNet serialization run only).</summary>
internal sealed class BenchSettings
{
    public int Runs { get; private init; } = 5;
    public bool Quick { get; private init; }

    /// <summary>Item 6 in pwsh: processes per host and way (each gives a cold and a warm pass), and fresh starts per import figure.</summary>
    public int PwshRuns { get; private init; } = 3;
    public bool SkipPowerShell { get; private init; }
    public bool InProcessEngine { get; private init; }
    public bool BenchmarkDotNet { get; private init; }

    /// <summary>Run as the discarding server of item 4 (started by the benchmark itself, in a child process).</summary>
    public bool Sink { get; private init; }
    public IReadOnlySet<int>? Only { get; private init; }

    /// <summary>Whether item <paramref name="item"/> (1 to 7) is measured in this run.</summary>
    public bool Includes(int item) => Only is null || Only.Contains(item) || (item == 2 && Only.Contains(6));

    public int Small => Quick ? 10_000 : 100_000;
    public int Large => Quick ? 100_000 : 1_000_000;
    public int NaiveSample => Quick ? 1_000 : 10_000;

    public static BenchSettings Parse(string[] args)
    {
        var quick = args.Contains("--quick");
        var runs = quick ? 3 : 5;
        var index = Array.IndexOf(args, "--runs");
        if (index >= 0 && index + 1 < args.Length)
        {
            runs = int.Parse(args[index + 1], System.Globalization.CultureInfo.InvariantCulture);
        }

        var pwshRuns = Array.IndexOf(args, "--pwsh-runs");
        var only = Array.IndexOf(args, "--only");
        return new BenchSettings
        {
            Runs = Math.Max(1, runs),
            Quick = quick,
            PwshRuns = pwshRuns >= 0 && pwshRuns + 1 < args.Length ? Math.Max(1, int.Parse(args[pwshRuns + 1], System.Globalization.CultureInfo.InvariantCulture)) : 3,
            SkipPowerShell = args.Contains("--no-pwsh"),
            InProcessEngine = args.Contains("--in-process"),
            BenchmarkDotNet = args.Contains("--bdn"),
            Sink = args.Contains("--sink"),
            Only = only >= 0 && only + 1 < args.Length
                ? args[only + 1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(item => int.Parse(item, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet()
                : null,
        };
    }
}
