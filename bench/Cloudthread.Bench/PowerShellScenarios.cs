using System.Diagnostics;
using System.Globalization;

namespace Cloudthread.Bench;

/// <summary>
/// The ways in from PowerShell, in real pwsh processes against the emulator in its own process: piped objects (with and
/// without -DimensionProperty), -InputObject array (both), -Path CSV, the no-op binary cmdlet (binding ceiling), and the
/// hand-written ConvertTo-Json + Invoke-RestMethod loop (1000 points a request). Each way runs in a fresh process of its
/// host: a cold pass, as a runbook runs once, then a warm pass in the same process. Rows are imported before the clock
/// starts, fresh for each pass. Also the time Import-Module Cloudthread adds to a start, and where the import spends it.
/// </summary>
internal sealed class PowerShellScenarios
{
    public const string Loop = "hand-written ConvertTo-Json + Invoke-RestMethod loop";
    public const string Noop = "no-op binary cmdlet (binding ceiling)";

    private readonly string _noopPath;

    private PowerShellScenarios(string modulePath, string noopPath)
    {
        ModulePath = modulePath;
        _noopPath = noopPath;
    }

    /// <summary>The built module measured: the shipped layout (out/, ./build.ps1 -Task Build) when there is one.</summary>
    public string ModulePath { get; }

    /// <summary>Null, with the reason in <paramref name="skipReason"/>, when the built module or the no-op cmdlet is missing.</summary>
    public static PowerShellScenarios? TryCreate(string repositoryRoot, out string skipReason)
    {
        var module = FindBuilt(repositoryRoot, Path.Combine("out", "Cloudthread"), "Cloudthread.psd1")
            ?? FindBuilt(repositoryRoot, Path.Combine("src", "Cloudthread.PowerShell", "bin"), "Cloudthread.psd1");
        var noop = FindBuilt(repositoryRoot, Path.Combine("bench", "Cloudthread.Bench.Cmdlets", "bin"), "Cloudthread.Bench.Cmdlets.dll");
        if (module is null || noop is null)
        {
            skipReason = "the module or the no-op cmdlet is not built: dotnet pwsh ./build.ps1 -Task Build; dotnet build -c Release bench/Cloudthread.Bench";
            return null;
        }

        skipReason = string.Empty;
        return new PowerShellScenarios(module, noop);
    }

    public static IReadOnlyList<(string Name, string Script)> Scenarios(int batchSize) => new[]
    {
        ("piped objects", "$rows | Send-CtCustomData"),
        ("piped objects, -DimensionProperty region,team", "$rows | Send-CtCustomData -DimensionProperty region, team"),
        ("-InputObject array", "Send-CtCustomData -InputObject $rows"),
        ("-InputObject array, -DimensionProperty region,team", "Send-CtCustomData -InputObject $rows -DimensionProperty region, team"),
        ("-Path CSV", "Send-CtCustomData -Path $csv"),
        (Noop, "$null = $rows | Send-CtNoop"),
        (Loop, HandWrittenLoop(batchSize)),
    };

    /// <summary>
    /// Runs one way in a fresh process of <paramref name="host"/>: points/s of the cold pass (the first in the process)
    /// and of the warm pass (the same again, in the same process, over rows imported again).
    /// </summary>
    public (double Cold, double Warm) Run(PwshHost host, string script, Uri baseUri, string apiKey, string token, string csv, int points)
    {
        var wrapper = string.Join('\n',
            Prelude(baseUri, apiKey, token, csv),
            "foreach ($pass in 'COLD', 'WARM') {",
            // Fresh rows each pass, as Import-Csv makes them: PowerShell builds an object's member sets the first time
            // its properties are listed, so rows listed by the cold pass would make the warm pass look cheaper.
            "    $rows = $null; [GC]::Collect(); $rows = Import-Csv $csv",
            "    $sw = [Diagnostics.Stopwatch]::StartNew()",
            script,
            "    $sw.Stop()",
            "    \"ELAPSED_${pass}_MS=\" + $sw.Elapsed.TotalMilliseconds.ToString([cultureinfo]::InvariantCulture)",
            "}");
        var output = RunScript(host, wrapper);
        return (points / (Elapsed(output, "COLD") / 1000), points / (Elapsed(output, "WARM") / 1000));
    }

    /// <summary>
    /// The peak working set of a fresh process of <paramref name="host"/> that sends <paramref name="csv"/> with -Path,
    /// and its working set just before (module imported, connected), in bytes.
    /// </summary>
    public (long Peak, long Before) PathPeakWorkingSet(PwshHost host, Uri baseUri, string apiKey, string token, string csv)
    {
        var output = RunScript(host, string.Join('\n',
            Prelude(baseUri, apiKey, token, csv),
            "$process = [Diagnostics.Process]::GetCurrentProcess()",
            "'BEFORE=' + $process.WorkingSet64",
            "Send-CtCustomData -Path $csv",
            "$process.Refresh()",
            "'PEAK=' + $process.PeakWorkingSet64"));
        long Value(string prefix) => long.Parse(output.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith(prefix, StringComparison.Ordinal))[prefix.Length..], CultureInfo.InvariantCulture);
        return (Value("PEAK="), Value("BEFORE="));
    }

    /// <summary>Milliseconds to start <paramref name="host"/> and run <paramref name="command"/>, measured from here (a whole process).</summary>
    public static double StartTime(PwshHost host, string command)
    {
        var watch = Stopwatch.StartNew();
        RunProcess(host, "-Command", command + "; exit 0");
        return watch.Elapsed.TotalMilliseconds;
    }

    /// <summary>
    /// Where an import spends its time, step by step, in a fresh process after PowerShell's own first use of its module
    /// system (an empty script module): the isolation assembly (its initializer installs the private load context), the
    /// cmdlet assembly (its types, the client and dependencies they need, cmdlet metadata), the format data. Every
    /// assembly loaded by these steps is listed with the load context it went to.
    /// </summary>
    public IReadOnlyList<(string Step, double Milliseconds)> ImportBreakdown(PwshHost host, out string assemblies)
    {
        var directory = Path.GetDirectoryName(ModulePath)!;
        var empty = Path.Combine(Path.GetTempPath(), "ct-bench-empty-" + Guid.NewGuid().ToString("N") + ".psm1");
        File.WriteAllText(empty, "# empty: PowerShell's own first Import-Module, not the module's");
        var script = string.Join('\n',
            "$ErrorActionPreference = 'Stop'",
            "$sw = [Diagnostics.Stopwatch]::new()",
            "function Step([string] $Name, [scriptblock] $Block) { $sw.Restart(); $null = & $Block; $sw.Stop(); \"STEP $Name=\" + $sw.Elapsed.TotalMilliseconds.ToString([cultureinfo]::InvariantCulture) }",
            $"Step 'PowerShell: first Import-Module (an empty script module)' {{ Import-Module '{empty}' }}",
            "Step 'PowerShell: Microsoft.PowerShell.Utility autoload (for Update-FormatData below; a real import does not load it)' { Import-Module Microsoft.PowerShell.Utility }",
            "$before = [AppDomain]::CurrentDomain.GetAssemblies()",
            $"Step 'Cloudthread.PowerShell.Isolation.dll: load, OnImport installs the private load context' {{ Import-Module '{Path.Combine(directory, "Cloudthread.PowerShell.Isolation.dll")}' }}",
            $"Step 'Cloudthread.PowerShell.dll: load, public types (pull in Cloudthread.Client and dependencies), cmdlet metadata' {{ Import-Module '{Path.Combine(directory, "Cloudthread.PowerShell.dll")}' }}",
            "Step 'PowerShell: Update-FormatData with no file (rebuilds the session format table; not ours)' { Update-FormatData }",
            $"Step 'Cloudthread.format.ps1xml: Update-FormatData -AppendPath' {{ Update-FormatData -AppendPath '{Path.Combine(directory, "Cloudthread.format.ps1xml")}' }}",
            "Step 'first Get-Command Send-CtCustomData (parameter metadata; after the import, on first use)' { Get-Command Send-CtCustomData -Syntax }",
            "'ASSEMBLIES=' + ((Compare-Object $before ([AppDomain]::CurrentDomain.GetAssemblies()) -PassThru | ForEach-Object { $_.GetName().Name + ' (' + [Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name + ')' }) -join ', ')");
        try
        {
            var output = RunScript(host, script);
            assemblies = output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("ASSEMBLIES=", StringComparison.Ordinal))?["ASSEMBLIES=".Length..] ?? string.Empty;
            return output.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("STEP ", StringComparison.Ordinal))
                .Select(l => (l[5..l.LastIndexOf('=')], double.Parse(l[(l.LastIndexOf('=') + 1)..], CultureInfo.InvariantCulture)))
                .ToList();
        }
        finally
        {
            File.Delete(empty);
        }
    }

    /// <summary>
    /// What a runbook author writes by hand: chunks of 1000 rows, ConvertTo-Json, Invoke-RestMethod. Without
    /// <paramref name="send"/>, only the rows-to-hashtables part: the whole loop can only be slower than that.
    /// </summary>
    internal static string HandWrittenLoop(int batchSize, bool send = true) => $$"""
        for ($i = 0; $i -lt $rows.Count; $i += {{batchSize}}) {
            $chunk = $rows[$i..([Math]::Min($i + {{batchSize}}, $rows.Count) - 1)]
            $data = foreach ($r in $chunk) {
                @{
                    timestamp = ([datetime]::Parse($r.Timestamp, [cultureinfo]::InvariantCulture)).ToString('yyyy-MM-dd HH:mm:ss')
                    metric_name = $r.MetricName
                    metric_value = [double]::Parse($r.MetricValue, [cultureinfo]::InvariantCulture)
                    custom_dimensions = @{ region = $r.region; team = $r.team }
                }
            }
        """ + (send ? """

                $body = @{ data_stream_token = $token; metric_agg_func = 'Sum'; data = @($data) } | ConvertTo-Json -Depth 5 -Compress
                $null = Invoke-RestMethod -Method Post -Uri "$base/streams/ingest" -Headers @{ 'x-api-key' = $key } -Body $body -ContentType 'application/json'
            }
            """ : """

            }
            """);

    /// <summary>What every measured script starts with: the module and the no-op imported, connected, $base, $key, $token and $csv set.</summary>
    private string Prelude(Uri baseUri, string apiKey, string token, string csv) => string.Join('\n',
        "$ErrorActionPreference = 'Stop'",
        "$ProgressPreference = 'SilentlyContinue'",
        $"Import-Module '{ModulePath}'",
        $"Import-Module '{_noopPath}'",
        $"$base = '{baseUri.ToString().TrimEnd('/')}'",
        $"$key = '{apiKey}'",
        $"$token = '{token}'",
        $"$csv = '{csv}'",
        "Connect-Cloudthread -BaseUri $base -ApiKey (ConvertTo-SecureString $key -AsPlainText -Force) -DataStreamToken (ConvertTo-SecureString $token -AsPlainText -Force) | Out-Null");

    private static double Elapsed(string output, string pass)
    {
        var prefix = "ELAPSED_" + pass + "_MS=";
        var line = output.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))
            ?? throw new InvalidOperationException("no " + prefix + " in: " + output);
        return double.Parse(line[prefix.Length..], CultureInfo.InvariantCulture);
    }

    private static string RunScript(PwshHost host, string script)
    {
        var file = Path.Combine(Path.GetTempPath(), "ct-bench-" + Guid.NewGuid().ToString("N") + ".ps1");
        File.WriteAllText(file, script);
        try
        {
            return RunProcess(host, "-File", file);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string RunProcess(PwshHost host, params string[] arguments)
    {
        var start = new ProcessStartInfo(host.Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-NoProfile");
        start.ArgumentList.Add("-NonInteractive");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(host.Name + " failed (" + process.ExitCode + "): " + errors.Result + output);
        }

        return output;
    }

    /// <summary>The newest build of <paramref name="fileName"/> under <paramref name="directory"/> (Release preferred).</summary>
    private static string? FindBuilt(string root, string directory, string fileName)
    {
        var path = Path.Combine(root, directory);
        if (!Directory.Exists(path))
        {
            return null;
        }

        return Directory.EnumerateFiles(path, fileName, SearchOption.AllDirectories)
            .OrderByDescending(f => f.Contains(Path.DirectorySeparatorChar + "Release" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .ThenByDescending(File.GetLastWriteTimeUtc)
            .FirstOrDefault();
    }
}
