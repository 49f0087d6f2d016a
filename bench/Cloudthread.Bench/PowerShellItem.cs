using System.Globalization;
using Cloudthread.Client.Ingestion;
using Cloudthread.Emulator;

namespace Cloudthread.Bench;

/// <summary>
/// Item 6 in pwsh: for each host (the ReadyToRun host and the .NET tool), what Import-Module Cloudthread adds to a start
/// and where the import spends it, then every way in, cold (first in a fresh process) and warm (again in that process),
/// the hosts and ways interleaved run by run so that each ratio compares runs made under the same load.
/// </summary>
internal static class PowerShellItem
{
    public delegate void AddRow(string measure, string value, string target);

    public static async Task RunAsync(PowerShellScenarios powershell, IReadOnlyList<PwshHost> hosts, BenchSettings settings, Uri emulator, Func<Task> resetEmulator, AddRow row)
    {
        static string Ms(double value) => value.ToString("N1", CultureInfo.InvariantCulture) + " ms";
        static string Rate(double pointsPerSecond) => pointsPerSecond.ToString("N0", CultureInfo.InvariantCulture) + " points/s";
        var runs = settings.PwshRuns;
        Console.WriteLine($"PowerShell ways in, in pwsh ({runs} processes per host and way), module {powershell.ModulePath}");
        foreach (var host in hosts)
        {
            Console.WriteLine($"  {host.Name}: {host.Path}");
        }

        // Import time: fresh processes, a bare start and a start that imports the module alternated, one warm-up of each.
        var importRuns = Math.Max(runs, 5);
        var bareCommand = "$null = 0";
        var importCommand = $"Import-Module '{powershell.ModulePath}'";
        foreach (var host in hosts)
        {
            PowerShellScenarios.StartTime(host, bareCommand);
            PowerShellScenarios.StartTime(host, importCommand);
            var bare = new List<double>();
            var imported = new List<double>();
            var steps = new Dictionary<string, List<double>>();
            var assemblies = string.Empty;
            for (var run = 0; run < importRuns; run++)
            {
                bare.Add(PowerShellScenarios.StartTime(host, bareCommand));
                imported.Add(PowerShellScenarios.StartTime(host, importCommand));
                foreach (var (step, milliseconds) in powershell.ImportBreakdown(host, out assemblies))
                {
                    (steps.TryGetValue(step, out var list) ? list : steps[step] = new List<double>()).Add(milliseconds);
                }
            }

            var added = Measure.Median(imported) - Measure.Median(bare);
            string Runs(List<double> values) => "runs: " + string.Join(", ", values.Select(v => v.ToString("0", CultureInfo.InvariantCulture)));
            row($"6. {host.Name}: bare start (-NoProfile -NonInteractive -Command)", Ms(Measure.Median(bare)), $"median of {importRuns} fresh processes; " + Runs(bare));
            row($"6. {host.Name}: start + Import-Module Cloudthread", Ms(Measure.Median(imported)), Runs(imported));
            row($"6. {host.Name}: Import-Module adds", Ms(added), host.Name == PwshHosts.ReadyToRunName ? "target <= 100 ms on the R2R host: " + (added <= 100 ? "met" : "NOT met") : string.Empty);
            foreach (var (step, values) in steps)
            {
                row($"6. {host.Name}: import step: {step}", Ms(Measure.Median(values)), Runs(values));
            }

            Console.WriteLine($"    assemblies the import loads ({host.Name}): {assemblies}");
        }

        // The ways in.
        var csv = Path.Combine(Path.GetTempPath(), "ct-bench-" + Guid.NewGuid().ToString("N") + ".csv");
        PointSource.WriteCsv(csv, settings.Small);
        try
        {
            var scenarios = PowerShellScenarios.Scenarios(CustomDataIngestOptions.DefaultMaxPointsPerRequest);
            var samples = new Dictionary<(string Host, string Way), (List<double> Cold, List<double> Warm)>();
            for (var run = 0; run < runs; run++)
            {
                foreach (var host in hosts)
                {
                    foreach (var (name, script) in scenarios)
                    {
                        await resetEmulator();
                        var (cold, warm) = powershell.Run(host, script, emulator, EmulatorOptions.DemoApiKey, EmulatorOptions.DemoDataStreamToken, csv, settings.Small);
                        if (!samples.TryGetValue((host.Name, name), out var lists))
                        {
                            samples[(host.Name, name)] = lists = (new List<double>(), new List<double>());
                        }

                        lists.Cold.Add(cold);
                        lists.Warm.Add(warm);
                        Console.WriteLine($"    run {run + 1}, {host.Name}, {name}: cold {Rate(cold)}, warm {Rate(warm)}");
                    }
                }
            }

            foreach (var host in hosts)
            {
                foreach (var cold in new[] { true, false })
                {
                    double Median(string way) => Measure.Median(cold ? samples[(host.Name, way)].Cold : samples[(host.Name, way)].Warm);
                    var noop = Median(PowerShellScenarios.Noop);
                    var loop = Median(PowerShellScenarios.Loop);
                    foreach (var (name, _) in scenarios)
                    {
                        var value = Median(name);
                        var ratios = $"{value / noop:0.00} of no-op, {value / loop:0.0}x loop";
                        var target = name switch
                        {
                            "piped objects" => ratios + " (target >= 0.9 of no-op: " + (value / noop >= 0.9 ? "met" : "NOT met") + ")",
                            "-InputObject array" => ratios + " (target >= 1.5x loop: " + (value / loop >= 1.5 ? "met" : "NOT met") + ")",
                            "-Path CSV" when cold => ratios + " (target >= 5x loop cold: " + (value / loop >= 5 ? "met" : "NOT met") + ")",
                            PowerShellScenarios.Noop => "the binding ceiling: lists every row's properties, sends nothing",
                            PowerShellScenarios.Loop => "the loop's reference",
                            _ => ratios,
                        };
                        var byRun = (cold ? samples[(host.Name, name)].Cold : samples[(host.Name, name)].Warm)
                            .Select(v => (v / 1000).ToString("0", CultureInfo.InvariantCulture));
                        row($"6. {host.Name}, {(cold ? "cold" : "warm")}: {name}, {settings.Small:N0} points", Rate(value), target + "; runs (k points/s): " + string.Join(", ", byRun));
                    }
                }
            }

            // -Path against a server that only reads each body (SinkServer, in this process): the client's own pace.
            // On the loopback the emulator's work for every point shares the machine's cores with the client being
            // measured (a real service's does not); this row tells the two apart. After the interleaved runs above.
            await using (var sink = await SinkServer.StartAsync())
            {
                foreach (var host in hosts)
                {
                    var cold = new List<double>();
                    var warm = new List<double>();
                    for (var run = 0; run < runs; run++)
                    {
                        var (c, w) = powershell.Run(host, "Send-CtCustomData -Path $csv", sink.BaseUri, EmulatorOptions.DemoApiKey, EmulatorOptions.DemoDataStreamToken, csv, settings.Small);
                        cold.Add(c);
                        warm.Add(w);
                        Console.WriteLine($"    run {run + 1}, {host.Name}, -Path CSV against a sink: cold {Rate(c)}, warm {Rate(w)}");
                    }

                    foreach (var (pass, values, loop) in new[] { ("cold", cold, Measure.Median(samples[(host.Name, PowerShellScenarios.Loop)].Cold)), ("warm", warm, Measure.Median(samples[(host.Name, PowerShellScenarios.Loop)].Warm)) })
                    {
                        row($"6. {host.Name}, {pass}: -Path CSV against a server that only reads the body (the client alone), {settings.Small:N0} points", Rate(Measure.Median(values)),
                            $"{Measure.Median(values) / loop:0.0}x the loop against the emulator; runs (k points/s): " + string.Join(", ", values.Select(v => (v / 1000).ToString("0", CultureInfo.InvariantCulture))));
                    }
                }
            }

            // Peak working set of -Path, in the first host (the R2R one when it could be made): the smaller and the larger
            // size, each in fresh processes. The process's whole peak, pwsh included, as a user would see it.
            var largeCsv = Path.Combine(Path.GetTempPath(), "ct-bench-" + Guid.NewGuid().ToString("N") + ".csv");
            PointSource.WriteCsv(largeCsv, settings.Large);
            try
            {
                var host = hosts[0];
                var peaks = new Dictionary<int, List<(long Peak, long Before)>> { [settings.Small] = new(), [settings.Large] = new() };
                for (var run = 0; run < runs; run++)
                {
                    foreach (var (size, file) in new[] { (settings.Small, csv), (settings.Large, largeCsv) })
                    {
                        await resetEmulator();
                        peaks[size].Add(powershell.PathPeakWorkingSet(host, emulator, EmulatorOptions.DemoApiKey, EmulatorOptions.DemoDataStreamToken, file));
                    }
                }

                static string Mib(double bytes) => (bytes / 1024 / 1024).ToString("N1", CultureInfo.InvariantCulture) + " MiB";
                double PeakOf(int size) => Measure.Median(peaks[size].Select(p => (double)p.Peak).ToList());
                foreach (var size in new[] { settings.Small, settings.Large })
                {
                    row($"6. {host.Name}: peak working set, -Path CSV, {size:N0} points", Mib(PeakOf(size)),
                        $"the whole process; before sending (module imported, connected) {Mib(Measure.Median(peaks[size].Select(p => (double)p.Before).ToList()))}; runs: " + string.Join(", ", peaks[size].Select(p => Mib(p.Peak))));
                }

                var ratio = PeakOf(settings.Large) / PeakOf(settings.Small);
                row($"6. {host.Name}: peak working set, -Path CSV, {settings.Large:N0} / {settings.Small:N0}", ratio.ToString("0.00", CultureInfo.InvariantCulture), "target <= 1.25: " + (ratio <= 1.25 ? "met" : "NOT met"));
            }
            finally
            {
                File.Delete(largeCsv);
            }
        }
        finally
        {
            File.Delete(csv);
        }
    }
}
