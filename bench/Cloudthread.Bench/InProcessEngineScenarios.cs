using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Reflection;
using System.Security;
using Cloudthread.Client.Ingestion;

namespace Cloudthread.Bench;

/// <summary>
/// Item 6 on the real PowerShell engine hosted in this process (the System.Management.Automation package), for
/// machines without pwsh. Each run gets a fresh runspace with the built module and the no-op cmdlet imported; the
/// rows are PSCustomObjects made fresh before each run, with the string properties Import-Csv gives, so only the cmdlet is timed
/// (a Stopwatch inside the script). The package has only the core cmdlets: no Import-Csv, ConvertTo-Json or
/// Invoke-RestMethod, so only the hand-written loop's first part (rows to hashtables) runs here.
/// </summary>
internal sealed class InProcessEngineScenarios
{
    public const string Label = "in-process engine (System.Management.Automation 7.6.9)";

    public const string LoopNotMeasured =
        "not measured: ConvertTo-Json and Invoke-RestMethod (Microsoft.PowerShell.Utility) are not in the System.Management.Automation package";

    private readonly string _modulePath;
    private readonly string _noopPath;

    private InProcessEngineScenarios(string modulePath, string noopPath)
    {
        _modulePath = modulePath;
        _noopPath = noopPath;
    }

    /// <summary>Null, with the reason, when the module or the no-op cmdlet is not built in this benchmark's configuration.</summary>
    public static InProcessEngineScenarios? TryCreate(string repositoryRoot, out string skipReason)
    {
        var configuration = typeof(InProcessEngineScenarios).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "Configuration").Value!;
        var module = Path.Combine(repositoryRoot, "src", "Cloudthread.PowerShell", "bin", configuration, "netstandard2.0", "Cloudthread.psd1");
        var noop = Path.Combine(repositoryRoot, "bench", "Cloudthread.Bench.Cmdlets", "bin", configuration, "netstandard2.0", "Cloudthread.Bench.Cmdlets.dll");
        if (!File.Exists(module) || !File.Exists(noop))
        {
            skipReason = $"the module or the no-op cmdlet is not built ({module}, {noop}): build bench/Cloudthread.Bench in {configuration}";
            return null;
        }

        skipReason = string.Empty;
        return new InProcessEngineScenarios(module, noop);
    }

    /// <summary>The hand-written loop up to its ConvertTo-Json and Invoke-RestMethod, which the package lacks.</summary>
    public const string LoopBoundName = "hand-written loop, rows to hashtables only (no ConvertTo-Json, no Invoke-RestMethod)";

    public static IReadOnlyList<(string Name, string Script)> Scenarios { get; } = new[]
    {
        ("piped objects", "$rows | Send-CtCustomData"),
        ("piped objects, -DimensionProperty region,team (read by name)", "$rows | Send-CtCustomData -DimensionProperty region, team"),
        ("-InputObject array", "Send-CtCustomData -InputObject $rows"),
        ("-InputObject array, -DimensionProperty region,team (read by name)", "Send-CtCustomData -InputObject $rows -DimensionProperty region, team"),
        ("-Path CSV", "Send-CtCustomData -Path $csv"),
        ("no-op binary cmdlet (binding ceiling)", "$null = $rows | Send-CtNoop"),
        (LoopBoundName, PowerShellScenarios.HandWrittenLoop(CustomDataIngestOptions.DefaultMaxPointsPerRequest, send: false)),
    };

    /// <summary>What Import-Csv gives for the benchmark CSV: one PSCustomObject per line, every property a string.</summary>
    public static PSObject[] Rows(int count)
    {
        var rows = new PSObject[count];
        for (var i = 0; i < count; i++)
        {
            var row = new PSObject();
            row.Properties.Add(new PSNoteProperty("Timestamp", PointSource.Timestamp(i)));
            row.Properties.Add(new PSNoteProperty("MetricName", PointSource.MetricName(i)));
            row.Properties.Add(new PSNoteProperty("MetricValue", i.ToString(CultureInfo.InvariantCulture)));
            row.Properties.Add(new PSNoteProperty("region", PointSource.Region(i)));
            row.Properties.Add(new PSNoteProperty("team", PointSource.Team(i)));
            rows[i] = row;
        }

        return rows;
    }

    /// <summary>
    /// Import-Module time: the first import in this process (one sample, after a runspace that warmed the engine
    /// itself), then the median of <paramref name="runs"/> imports, each in a fresh runspace. Milliseconds.
    /// </summary>
    public (double First, double Median) ImportTimes(int runs)
    {
        using (var warmUp = OpenRunspace())
        {
            // The engine's own first-use costs (parser, binder, command discovery), paid by any PowerShell start.
            Invoke(warmUp, "$null = Get-Command -Name Get-Command; $null = [pscustomobject]@{ a = 1 } | ForEach-Object { $_.a }");
        }

        var first = TimeImport();
        var later = Enumerable.Range(0, runs).Select(_ => TimeImport()).ToList();
        return (first, Measure.Median(later));
    }

    /// <summary>Runs one scenario in a fresh runspace, connected to the emulator, and returns points/s (the script's own elapsed time).</summary>
    public double Run(string script, PSObject[] rows, string csv, Uri baseUri, string apiKey, string token)
    {
        using var runspace = OpenRunspace();
        runspace.SessionStateProxy.SetVariable("rows", rows);
        runspace.SessionStateProxy.SetVariable("csv", csv);
        runspace.SessionStateProxy.SetVariable("CtBaseUri", baseUri);
        runspace.SessionStateProxy.SetVariable("CtKey", Secure(apiKey));
        runspace.SessionStateProxy.SetVariable("CtToken", Secure(token));
        Invoke(runspace, string.Join('\n',
            "$ErrorActionPreference = 'Stop'",
            "$ProgressPreference = 'SilentlyContinue'",
            "Import-Module -Name '" + _modulePath + "'",
            "Import-Module -Name '" + _noopPath + "'",
            "$null = Connect-Cloudthread -BaseUri $CtBaseUri -ApiKey $CtKey -DataStreamToken $CtToken"));
        Measure.CollectFully();
        Invoke(runspace, string.Join('\n',
            "$ErrorActionPreference = 'Stop'",
            "$ProgressPreference = 'SilentlyContinue'",
            "$sw = [System.Diagnostics.Stopwatch]::StartNew()",
            "$null = & { " + script + " }",
            "$sw.Stop()",
            "$global:CtElapsedMs = $sw.Elapsed.TotalMilliseconds"));
        var milliseconds = (double)runspace.SessionStateProxy.GetVariable("CtElapsedMs");
        return rows.Length / (milliseconds / 1000);
    }

    private double TimeImport()
    {
        using var runspace = OpenRunspace();
        using var shell = System.Management.Automation.PowerShell.Create();
        shell.Runspace = runspace;
        shell.AddCommand("Import-Module").AddParameter("Name", _modulePath).AddParameter("ErrorAction", ActionPreference.Stop);
        var stopwatch = Stopwatch.StartNew();
        shell.Invoke();
        stopwatch.Stop();
        ThrowOnErrors(shell, "Import-Module");
        return stopwatch.Elapsed.TotalMilliseconds;
    }

    private static Runspace OpenRunspace()
    {
        var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        runspace.Open();
        return runspace;
    }

    private static void Invoke(Runspace runspace, string script)
    {
        using var shell = System.Management.Automation.PowerShell.Create();
        shell.Runspace = runspace;
        shell.AddScript(script);
        shell.Invoke();
        ThrowOnErrors(shell, script);
    }

    private static void ThrowOnErrors(System.Management.Automation.PowerShell shell, string what)
    {
        if (shell.HadErrors || shell.Streams.Error.Count > 0)
        {
            throw new InvalidOperationException("The in-process engine failed on '" + what + "': " + string.Join(" | ", shell.Streams.Error));
        }
    }

    private static SecureString Secure(string value)
    {
        var secure = new SecureString();
        foreach (var c in value)
        {
            secure.AppendChar(c);
        }

        secure.MakeReadOnly();
        return secure;
    }
}
