using System.Diagnostics;
using System.Text;
using Cloudthread.PowerShell.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Cloudthread.PowerShell.Tests;

/// <summary>
/// Runs the Pester suites (tests/pester) against the built module and emulator with pwsh; any Pester failure fails
/// this test. Skipped, with the reason, where pwsh is not installed.
/// </summary>
public sealed class PesterSuiteTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(20);
    private readonly ITestOutputHelper _output;

    public PesterSuiteTests(ITestOutputHelper output) => _output = output;

    [PwshFact]
    public void The_Pester_suites_pass()
    {
        Assert.True(File.Exists(TestPaths.EmulatorAssembly), "The emulator is not built: " + TestPaths.EmulatorAssembly);
        var manifest = Path.Combine(TestPaths.ModuleFolder, "Cloudthread.psd1");
        Assert.True(File.Exists(manifest), "The module is not built: " + manifest);

        var suites = Path.Combine(TestPaths.RepoRoot, "tests", "pester");
        var script = string.Join(
            Environment.NewLine,
            "$ErrorActionPreference = 'Stop'",
            "Import-Module Pester -MinimumVersion 5.0.0",
            "$configuration = New-PesterConfiguration",
            "$configuration.Run.Path = '" + suites.Replace("'", "''", StringComparison.Ordinal) + "'",
            "$configuration.Run.PassThru = $true",
            "$configuration.Output.Verbosity = 'Detailed'",
            // The suites run in this session's scope: give them a prompt's default, not the 'Stop' set above for setup.
            "$ErrorActionPreference = 'Continue'",
            "$result = Invoke-Pester -Configuration $configuration",
            "$failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount",
            "if ($result.TotalCount -eq 0) { Write-Host 'No Pester test ran.'; exit 1 }",
            "exit $failed");

        var start = new ProcessStartInfo(PowerShellHost.Executable!)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = TestPaths.RepoRoot,
        };
        foreach (var argument in new[] { "-NoProfile", "-NonInteractive", "-Command", script })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["CLOUDTHREAD_TEST_MODULE"] = manifest;
        start.Environment["CLOUDTHREAD_EMULATOR_DLL"] = TestPaths.EmulatorAssembly;
        foreach (var inherited in new[] { "CLOUDTHREAD_API_KEY", "CLOUDTHREAD_DATA_STREAM_TOKEN", "CLOUDTHREAD_BASE_URI" })
        {
            start.Environment.Remove(inherited);
        }

        var log = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(log, e.Data);
        process.ErrorDataReceived += (_, e) => Append(log, e.Data is null ? null : "stderr: " + e.Data);
        Assert.True(process.Start(), "pwsh did not start");
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var finished = process.WaitForExit((int)RunTimeout.TotalMilliseconds);
        if (!finished)
        {
            process.Kill(entireProcessTree: true);
        }

        process.WaitForExit();
        lock (log)
        {
            _output.WriteLine(log.ToString());
        }

        Assert.True(finished, "The Pester run did not finish within " + RunTimeout + "; see the output.");
        Assert.True(process.ExitCode == 0, "Pester reported " + process.ExitCode + " failure(s) (failed tests + failed blocks + failed containers); see the output.");
    }

    private static void Append(StringBuilder log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.AppendLine(line);
        }
    }
}
