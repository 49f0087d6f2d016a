using System.Diagnostics;
using System.Globalization;

namespace Cloudthread.Bench;

/// <summary>
/// The ways in from PowerShell, each in a fresh pwsh process against the same emulator: piped objects,
/// -InputObject array, -Path CSV, the no-op binary cmdlet (binding ceiling), and the hand-written
/// Invoke-RestMethod + ConvertTo-Json loop (1000 points a request). Rows are imported before the clock starts.
/// </summary>
internal sealed class PowerShellScenarios
{
    private readonly string _pwsh;
    private readonly string _modulePath;
    private readonly string _noopPath;

    private PowerShellScenarios(string pwsh, string modulePath, string noopPath)
    {
        _pwsh = pwsh;
        _modulePath = modulePath;
        _noopPath = noopPath;
    }

    /// <summary>Null, with the reason in <paramref name="skipReason"/>, when pwsh or the built module is missing.</summary>
    public static PowerShellScenarios? TryCreate(string repositoryRoot, out string skipReason)
    {
        var pwsh = FindOnPath(OperatingSystem.IsWindows() ? "pwsh.exe" : "pwsh");
        if (pwsh is null)
        {
            skipReason = "pwsh is not on PATH";
            return null;
        }

        var module = FindBuilt(repositoryRoot, Path.Combine("src", "Cloudthread.PowerShell", "bin"), "Cloudthread.psd1")
            ?? FindBuilt(repositoryRoot, Path.Combine("src", "Cloudthread.PowerShell", "bin"), "Cloudthread.PowerShell.dll");
        var noop = FindBuilt(repositoryRoot, Path.Combine("bench", "Cloudthread.Bench.Cmdlets", "bin"), "Cloudthread.Bench.Cmdlets.dll");
        if (module is null || noop is null)
        {
            skipReason = "the module or the no-op cmdlet is not built: dotnet build -c Release src/Cloudthread.PowerShell bench/Cloudthread.Bench.Cmdlets";
            return null;
        }

        skipReason = string.Empty;
        return new PowerShellScenarios(pwsh, module, noop);
    }

    public IReadOnlyList<(string Name, string Script)> Scenarios(int batchSize) => new[]
    {
        ("piped objects", "$rows | Send-CtCustomData"),
        ("piped objects, -DimensionProperty region,team (read by name)", "$rows | Send-CtCustomData -DimensionProperty region, team"),
        ("-InputObject array", "Send-CtCustomData -InputObject $rows"),
        ("-InputObject array, -DimensionProperty region,team (read by name)", "Send-CtCustomData -InputObject $rows -DimensionProperty region, team"),
        ("-Path CSV", "Send-CtCustomData -Path $csv"),
        ("no-op binary cmdlet (binding ceiling)", "$null = $rows | Send-CtNoop"),
        ("hand-written Invoke-RestMethod loop", HandWrittenLoop(batchSize)),
    };

    /// <summary>Runs one scenario in a fresh pwsh and returns points/s (the script's own elapsed time, rows already imported).</summary>
    public double Run(string script, Uri baseUri, string apiKey, string token, string csv, int points)
    {
        var wrapper = string.Join('\n',
            "$ErrorActionPreference = 'Stop'",
            "$ProgressPreference = 'SilentlyContinue'",
            $"Import-Module '{_modulePath}'",
            $"Import-Module '{_noopPath}'",
            $"$base = '{baseUri.ToString().TrimEnd('/')}'",
            $"$key = '{apiKey}'",
            $"$token = '{token}'",
            $"$csv = '{csv}'",
            "Connect-Cloudthread -BaseUri $base -ApiKey (ConvertTo-SecureString $key -AsPlainText -Force) -DataStreamToken (ConvertTo-SecureString $token -AsPlainText -Force) | Out-Null",
            "$rows = Import-Csv $csv",
            "$sw = [Diagnostics.Stopwatch]::StartNew()",
            script,
            "$sw.Stop()",
            "'ELAPSED_MS=' + $sw.Elapsed.TotalMilliseconds.ToString([cultureinfo]::InvariantCulture)");
        var file = Path.Combine(Path.GetTempPath(), "ct-bench-" + Guid.NewGuid().ToString("N") + ".ps1");
        File.WriteAllText(file, wrapper);
        try
        {
            var start = new ProcessStartInfo(_pwsh) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { "-NoProfile", "-NonInteractive", "-File", file })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var errors = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            var line = output.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith("ELAPSED_MS=", StringComparison.Ordinal));
            if (process.ExitCode != 0 || line is null)
            {
                throw new InvalidOperationException("pwsh failed (" + process.ExitCode + "): " + errors.Result + output);
            }

            var milliseconds = double.Parse(line["ELAPSED_MS=".Length..], CultureInfo.InvariantCulture);
            return points / (milliseconds / 1000);
        }
        finally
        {
            File.Delete(file);
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

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);

    /// <summary>The newest build of <paramref name="fileName"/> under <paramref name="binDirectory"/> (Release preferred).</summary>
    private static string? FindBuilt(string root, string binDirectory, string fileName)
    {
        var directory = Path.Combine(root, binDirectory);
        if (!Directory.Exists(directory))
        {
            return null;
        }

        return Directory.EnumerateFiles(directory, fileName, SearchOption.AllDirectories)
            .OrderByDescending(f => f.Contains(Path.DirectorySeparatorChar + "Release" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .ThenByDescending(File.GetLastWriteTimeUtc)
            .FirstOrDefault();
    }
}
