using System.Globalization;
using System.Text;
using BenchmarkDotNet.Running;
using Cloudthread.Bench;
using Cloudthread.Client.Ingestion;
using Cloudthread.Emulator;

// Cloudthread ingestion benchmark: see docs/performance.md for what each line means and how to read it.
var settings = BenchSettings.Parse(args);
if (settings.Sink)
{
    // Child mode: the discarding server of item 4, in its own process; ends when its input closes.
    await using var child = await SinkServer.StartAsync();
    Console.WriteLine("Sink " + ServerProcess.ListeningLine + child.BaseUri);
    await Console.In.ReadToEndAsync();
    return 0;
}

if (settings.BenchmarkDotNet)
{
    BenchmarkRunner.Run<SerializationBenchmarks>();
    return 0;
}

var root = FindRepositoryRoot();
Console.WriteLine($"Cloudthread ingestion benchmark: {settings.Runs} runs per figure (median), {Environment.ProcessorCount} cores, .NET {Environment.Version}, {(settings.Quick ? "quick sizes" : "full sizes")}");

// The emulator runs in a process of its own, as it does for users (and beside pwsh): the client measured here and
// the server then have their own garbage collectors. In this process only when that process cannot start.
using var emulatorProcess = ServerProcess.TryStartEmulator(out var emulatorFailure);
await using var emulatorInProcess = emulatorProcess is null ? await EmulatorServer.StartAsync(new EmulatorOptions { Quiet = true }) : null;
var emulator = emulatorProcess?.BaseUri ?? emulatorInProcess!.BaseUri;
Console.WriteLine(emulatorProcess is null ? "  (emulator in this process: " + emulatorFailure + ")" : "  (emulator in its own process at " + emulator + ")");
using var admin = new HttpClient { BaseAddress = emulator };
async Task ResetEmulator() => (await admin.PostAsync("/_emulator/reset", null)).EnsureSuccessStatusCode();

using var scenarios = new ClientScenarios(emulator, EmulatorOptions.DemoApiKey, EmulatorOptions.DemoDataStreamToken);
var rows = new List<(string Measure, string Value, string Target)>();
void Row(string measure, string value, string target = "") { rows.Add((measure, value, target)); Console.WriteLine($"  {measure}: {value}"); }
static string Rate(double pointsPerSecond) => pointsPerSecond.ToString("N0", CultureInfo.InvariantCulture) + " points/s";
static string Mib(long bytes) => (bytes / 1024.0 / 1024.0).ToString("N1", CultureInfo.InvariantCulture) + " MiB";

// The input of the throughput runs: the same 100k points (made once, so that making them is not timed),
// cycled for the larger run (an upsert of the same records). The ceiling sends exactly their bodies.
var input = Enumerable.Range(0, settings.Small).Select(PointSource.Point).ToArray();

// Warm-up: JIT, connection pools, the emulator's own first requests. Several rounds: the runtime promotes hot code to
// its optimized tier over the first runs (tiered compilation, dynamic PGO), and the engine's own code is not
// precompiled: measured here, its client CPU per point fell from over 4 µs to under 1 µs over the first few runs.
var warmUpBodies = scenarios.CaptureBodies(input, input.Length);
for (var round = 0; round < 4; round++)
{
    await ResetEmulator();
    await scenarios.EngineAsync(emulator, input, input.Length);
    await scenarios.BareHttpClientAsync(warmUpBodies, input.Length, CustomDataIngestOptions.DefaultMaxConcurrentRequests);
}

warmUpBodies = null;

// 1 and 2: the engine and the transport ceiling, interleaved run by run so both see the same machine state.
var engineSmall = new List<double>();
var ceiling = new List<double>();
IReadOnlyList<byte[]> bodies = Array.Empty<byte[]>();
if (settings.Includes(1) || settings.Includes(2) || settings.Includes(3))
{
    Console.WriteLine("Throughput against the emulator...");
    bodies = scenarios.CaptureBodies(input, settings.Small);
    for (var run = 0; run < settings.Runs; run++)
    {
        await ResetEmulator();
        engineSmall.Add(await scenarios.EngineAsync(emulator, input, settings.Small));
        await ResetEmulator();
        ceiling.Add(await scenarios.BareHttpClientAsync(bodies, settings.Small, CustomDataIngestOptions.DefaultMaxConcurrentRequests));
    }
}

if (settings.Includes(1))
{
    var engineLarge = await Measure.MedianOfAsync(settings.Runs, () => scenarios.EngineAsync(emulator, input, settings.Large), ResetEmulator);
    Row($"1. engine, {settings.Small:N0} points", Rate(Measure.Median(engineSmall)));
    Row($"1. engine, {settings.Large:N0} points", Rate(engineLarge));
}

if (settings.Includes(2))
{
    var ratio = Measure.Median(engineSmall) / Measure.Median(ceiling);
    Row($"2. bare HttpClient, same bodies pre-serialized, {CustomDataIngestOptions.DefaultMaxConcurrentRequests} in flight", Rate(Measure.Median(ceiling)));
    Row("2. engine / transport ceiling", ratio.ToString("0.00", CultureInfo.InvariantCulture), ">= 0.80 " + (ratio >= 0.8 ? "met" : "NOT met"));

    // The same at the larger size. Against a cheap server a 100,000-point run lasts tens of milliseconds, in which
    // filling and draining the requests in flight weigh on both sides; 1,000,000 points (the ceiling sends the same
    // bodies ten times, as the engine cycles its input: an upsert of the same records) is the steady state.
    var repeated = Enumerable.Repeat(bodies, settings.Large / settings.Small).SelectMany(body => body).ToList();
    var engineAtLarge = new List<double>();
    var ceilingAtLarge = new List<double>();
    for (var run = 0; run < settings.Runs; run++)
    {
        await ResetEmulator();
        engineAtLarge.Add(await scenarios.EngineAsync(emulator, input, settings.Large));
        await ResetEmulator();
        ceilingAtLarge.Add(await scenarios.BareHttpClientAsync(repeated, settings.Large, CustomDataIngestOptions.DefaultMaxConcurrentRequests));
    }

    var ratioAtLarge = Measure.Median(engineAtLarge) / Measure.Median(ceilingAtLarge);
    Row($"2. engine, {settings.Large:N0} points (interleaved with the next row)", Rate(Measure.Median(engineAtLarge)));
    Row($"2. bare HttpClient, the same bodies sent {settings.Large / settings.Small} times ({settings.Large:N0} points)", Rate(Measure.Median(ceilingAtLarge)));
    Row($"2. engine / transport ceiling, {settings.Large:N0} points", ratioAtLarge.ToString("0.00", CultureInfo.InvariantCulture), "the steady state, to read the row above by (the target is the 100,000-point row's)");
}

if (settings.Includes(3))
{
    // 3: the naive ways.
    Console.WriteLine("Naive ways...");
    var perPoint = await Measure.MedianOfAsync(settings.Runs, () => scenarios.OneRequestPerPointAsync(settings.NaiveSample), ResetEmulator);
    Row($"3. one request per point ({settings.NaiveSample:N0} sample)", Rate(perPoint), "engine is " + (Measure.Median(engineSmall) / perPoint).ToString("0", CultureInfo.InvariantCulture) + "x faster");
    var oneBig = await Measure.MedianOfAsync(settings.Runs, () => scenarios.OneBigRequestAsync(settings.Small), ResetEmulator);
    Row($"3. one unbatched request of {settings.Small:N0} points", Rate(oneBig));
    await ResetEmulator();
}

if (settings.Includes(4))
{
    // 4: memory, against a server that keeps nothing, in its own process (so the heap is the client's).
    Console.WriteLine("Peak managed memory...");
    using var sinkProcess = ServerProcess.TryStartSink(out var sinkFailure);
    await using var sinkInProcess = sinkProcess is null ? await SinkServer.StartAsync() : null;
    var sink = sinkProcess?.BaseUri ?? sinkInProcess!.BaseUri;
    Console.WriteLine(sinkProcess is null ? "  (sink in this process: " + sinkFailure + ")" : "  (sink in its own process at " + sink + ")");
    // Warm-up at the larger size first, so that connection and buffer pools are at their steady size in every baseline.
    // The smaller size is sent Large/Small times back to back under one sampler, so both peaks come from as many samples.
    scenarios.EnginePeakMemory(sink, input, settings.Large, 1);
    var memorySmall = (long)await Measure.MedianOfAsync(settings.Runs, () => Task.FromResult((double)scenarios.EnginePeakMemory(sink, input, settings.Small, settings.Large / settings.Small)));
    var memoryLarge = (long)await Measure.MedianOfAsync(settings.Runs, () => Task.FromResult((double)scenarios.EnginePeakMemory(sink, input, settings.Large, 1)));
    var memoryRatio = (double)memoryLarge / Math.Max(1, memorySmall);
    Row($"4. peak live managed heap, {settings.Small:N0} points", Mib(memorySmall));
    Row($"4. peak live managed heap, {settings.Large:N0} points", Mib(memoryLarge), "ratio " + memoryRatio.ToString("0.00", CultureInfo.InvariantCulture) + (memoryRatio <= 1.25 ? " (<= 1.25 met)" : " (<= 1.25 NOT met)"));
}

if (settings.Includes(5))
{
    // 5: serialization alone.
    Console.WriteLine("Serialization...");
    var serialization = Enumerable.Range(0, settings.Runs).Select(_ => ClientScenarios.Serialization(input)).ToList();
    var bytesPerPoint = Measure.Median(serialization.Select(s => s.BytesPerPoint).ToList());
    Row("5. serialization alone (validate, write, batch)", Rate(Measure.Median(serialization.Select(s => s.PointsPerSecond).ToList())));
    Row("5. bytes allocated per point", bytesPerPoint.ToString("0.0", CultureInfo.InvariantCulture), "< 64 " + (bytesPerPoint < 64 ? "met" : "NOT met"));
    input = null;
}

if (settings.Includes(7))
{
    // 7: what a connection costs (Connect-Cloudthread, and every cmdlet given -ApiKey, builds a client).
    Console.WriteLine("Connections...");
    static string Kib(double bytes) => (bytes / 1024).ToString("N1", CultureInfo.InvariantCulture) + " KiB";
    await ResetEmulator();
    Row("7. build an HTTP client factory and its first handler chain", ConnectionScenarios.BuildFactory(settings.Runs).ToString("N0", CultureInfo.InvariantCulture) + " µs", "once per process (before: once per connection and per -ApiKey call)");
    Row("7. connect (build a client)", ConnectionScenarios.Connect(emulator, EmulatorOptions.DemoApiKey, settings.Runs).ToString("N1", CultureInfo.InvariantCulture) + " µs");
    foreach (var factoryPerCall in new[] { false, true })
    {
        // A factory per call leaves each call's connection open until its handler lifetime ends: the former way is
        // measured over fewer calls, so that its open connections stay under the emulator's connection limit.
        var calls = factoryPerCall ? 400 : 1000;
        var label = factoryPerCall ? "7. for comparison, 400 calls with a factory per call (the former way)" : "7. 1,000 one-call -ApiKey invocations (client, GET /users, dispose)";
        await ConnectionScenarios.OneCallApiKeyAsync(emulator, EmulatorOptions.DemoApiKey, 20, factoryPerCall);   // warm-up
        var (perCall, allocated, retained) = await ConnectionScenarios.OneCallApiKeyAsync(emulator, EmulatorOptions.DemoApiKey, calls, factoryPerCall);
        Row(label + ": time per call", perCall.ToString("0.00", CultureInfo.InvariantCulture) + " ms");
        Row(label + ": allocated per call", Kib(allocated));
        Row(label + ": managed heap kept", Kib(retained), "after a full collection, compared with before");
    }
}

// 6: PowerShell.
var skipReason = "--in-process";
var missingHosts = new List<string>();
if (!settings.Includes(6))
{
    // Not asked for (--only).
}
else if (settings.SkipPowerShell)
{
    Row("6. PowerShell ways in", "skipped: --no-pwsh");
}
else if ((settings.InProcessEngine ? null : PowerShellScenarios.TryCreate(root, out skipReason)) is not { } powershell
    || PwshHosts.Find(root, missingHosts) is not { Count: > 0 } pwshHosts)
{
    // No pwsh (or --in-process): the same ways in on the real engine hosted in this process, labelled as such.
    skipReason = skipReason.Length > 0 ? skipReason : string.Join("; ", missingHosts);
    if (InProcessEngineScenarios.TryCreate(root, out var engineSkipReason) is not { } engine)
    {
        Row("6. PowerShell ways in", "skipped: " + skipReason + "; " + engineSkipReason);
    }
    else
    {
        Console.WriteLine($"PowerShell ways in, {InProcessEngineScenarios.Label} ({skipReason}), a fresh runspace per run...");
        var engineRuns = Math.Max(settings.Runs, 5);
        var (firstImport, laterImports) = engine.ImportTimes(engineRuns);
        Row($"6. {InProcessEngineScenarios.Label}: Import-Module Cloudthread.psd1, first in the process (warmed engine, one sample)", firstImport.ToString("0.0", CultureInfo.InvariantCulture) + " ms", "budget 150 ms added to a pwsh start: " + (firstImport <= 150 ? "within" : "OVER") + " (in-process, not a process start)");
        Row($"6. {InProcessEngineScenarios.Label}: Import-Module in a fresh runspace, module already loaded in the process", laterImports.ToString("0.0", CultureInfo.InvariantCulture) + " ms", $"median of {engineRuns}");

        var csv = Path.Combine(Path.GetTempPath(), "ct-bench-" + Guid.NewGuid().ToString("N") + ".csv");
        PointSource.WriteCsv(csv, settings.Small);
        try
        {
            var results = new Dictionary<string, double>();
            // Fresh rows every run, as Import-Csv makes them in each pwsh run: PowerShell builds an object's member sets the
            // first time its properties are enumerated, so rows read once before would make every way in look cheaper.
            async Task<double> RunOnce(string script)
            {
                await ResetEmulator();
                return engine.Run(script, InProcessEngineScenarios.Rows(settings.Small), csv, emulator, EmulatorOptions.DemoApiKey, EmulatorOptions.DemoDataStreamToken);
            }

            // Warm-up: a pwsh process starts with precompiled code; this process has to JIT the engine's paths first.
            foreach (var (_, script) in InProcessEngineScenarios.Scenarios)
            {
                await RunOnce(script);
            }

            // The ways in interleaved run by run, as items 1 and 2 are, so that each ratio compares runs made under the same load.
            var samples = InProcessEngineScenarios.Scenarios.ToDictionary(s => s.Name, _ => new List<double>());
            for (var run = 0; run < settings.Runs; run++)
            {
                foreach (var (name, script) in InProcessEngineScenarios.Scenarios)
                {
                    samples[name].Add(await RunOnce(script));
                }
            }

            foreach (var (name, _) in InProcessEngineScenarios.Scenarios)
            {
                results[name] = Measure.Median(samples[name]);
                Console.WriteLine($"    {name}: " + string.Join(", ", samples[name].Select(Rate)));
            }

            var noop = results["no-op binary cmdlet (binding ceiling)"];
            foreach (var (name, value) in results)
            {
                var target = name switch
                {
                    "piped objects" => $"{value / noop:0.00} of no-op (>= 0.8 " + (value / noop >= 0.8 ? "met" : "NOT met") + ")",
                    "no-op binary cmdlet (binding ceiling)" => "the binding ceiling (sends nothing)",
                    InProcessEngineScenarios.LoopBoundName => "the loop's first part alone: it reads each row's properties by name; its ConvertTo-Json and Invoke-RestMethod, not measurable here, decide the loop's speed",
                    _ => $"{value / noop:0.00} of no-op",
                };
                Row($"6. {InProcessEngineScenarios.Label}: {name}, {settings.Small:N0} points", Rate(value), target);
            }

            Row($"6. {InProcessEngineScenarios.Label}: hand-written Invoke-RestMethod loop", "not measured", InProcessEngineScenarios.LoopNotMeasured);
        }
        finally
        {
            File.Delete(csv);
        }
    }
}
else
{
    foreach (var missing in missingHosts)
    {
        Row("6. host not measured", missing);
    }

    await PowerShellItem.RunAsync(powershell, pwshHosts, settings, emulator, ResetEmulator, Row);
}

Console.WriteLine();
Console.WriteLine(Table(rows));
return 0;

static string Table(List<(string Measure, string Value, string Target)> rows)
{
    var builder = new StringBuilder();
    builder.AppendLine("| measure | median | target / note |");
    builder.AppendLine("| --- | ---: | --- |");
    foreach (var (measure, value, target) in rows)
    {
        builder.Append("| ").Append(measure).Append(" | ").Append(value).Append(" | ").Append(target).AppendLine(" |");
    }

    return builder.ToString();
}

static string FindRepositoryRoot()
{
    var directory = new DirectoryInfo(AppContext.BaseDirectory);
    while (directory != null && !File.Exists(Path.Combine(directory.FullName, "CloudthreadPS.sln")))
    {
        directory = directory.Parent;
    }

    return directory?.FullName ?? Directory.GetCurrentDirectory();
}
