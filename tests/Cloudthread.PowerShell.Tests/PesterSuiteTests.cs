using System.Diagnostics;
using System.Text;
using Cloudthread.PowerShell.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Cloudthread.PowerShell.Tests;

/// <summary>
/// The bridge from dotnet test to the Pester suites (tests/pester): under PowerShell 7 it lays out the built module
/// (build.ps1 -Task Pester: out/Cloudthread/&lt;version&gt;/, with its help when PlatyPS is on PSModulePath) and runs
/// every suite against it and a fresh emulator. Any Pester failure fails this test. Pester's own results, one
/// test-case per Pester test, go to pester.xml in $CLOUDTHREAD_PESTER_RESULTS (else TestResults/pester), which
/// .ci/run counts test by test.
/// </summary>
public sealed class PesterSuiteTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(20);
    private readonly ITestOutputHelper _output;

    public PesterSuiteTests(ITestOutputHelper output) => _output = output;

    [PwshFact]
    public void The_Pester_suites_pass()
    {
        var log = new StringBuilder();
        var host = PowerShellHost.Resolve(TestPaths.RepoRoot, line => Append(log, line));
        Append(log, "PowerShell: " + host.Description);

        var results = Environment.GetEnvironmentVariable("CLOUDTHREAD_PESTER_RESULTS");
        if (string.IsNullOrEmpty(results))
        {
            results = Path.Combine(TestPaths.RepoRoot, "TestResults", "pester");
        }

        // The solution is built already (dotnet test built it, in this test's configuration): publish, don't rebuild.
        var start = host.StartInfo(
            TestPaths.RepoRoot,
            "-NoProfile",
            "-NonInteractive",
            "-File",
            Path.Combine(TestPaths.RepoRoot, "build.ps1"),
            "-Task",
            "Pester",
            "-Configuration",
            TestPaths.Configuration,
            "-NoBuild",
            "-PesterResultPath",
            results);
        foreach (var inherited in new[] { "CLOUDTHREAD_API_KEY", "CLOUDTHREAD_DATA_STREAM_TOKEN", "CLOUDTHREAD_BASE_URI", "CLOUDTHREAD_TEST_MODULE", "CLOUDTHREAD_EMULATOR_DLL" })
        {
            start.Environment.Remove(inherited);
        }

        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(log, e.Data);
        process.ErrorDataReceived += (_, e) => Append(log, e.Data is null ? null : "stderr: " + e.Data);
        Assert.True(process.Start(), "PowerShell did not start");
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
        Assert.True(process.ExitCode == 0, "build.ps1 -Task Pester failed (exit code " + process.ExitCode + "): a build step or Pester tests, blocks or files failed; see the output.");
        Assert.True(File.Exists(Path.Combine(results, "pester.xml")), "Pester wrote no results to " + results);
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
