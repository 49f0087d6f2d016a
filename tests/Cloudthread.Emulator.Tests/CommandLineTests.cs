using System.Collections;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Cloudthread.Emulator.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public void Defaults_match_the_documented_ones()
    {
        var options = CommandLine.Parse([], new Hashtable())!;
        Assert.Equal(["http://127.0.0.1:5080"], options.Urls);
        Assert.Equal([EmulatorOptions.DemoApiKey], options.ApiKeys);
        Assert.Equal([EmulatorOptions.DemoReadOnlyApiKey], options.ReadOnlyApiKeys);
        Assert.Equal([EmulatorOptions.DemoDataStreamToken, EmulatorOptions.DemoDataStreamToken2], options.DataStreamTokens);
        Assert.Null(options.DataFile);
        Assert.Equal(16777216, options.MaxBodyBytes);
        Assert.Equal(new FaultSettings(), options.Faults);
    }

    [Fact]
    public void Command_line_wins_over_environment()
    {
        var environment = new Hashtable
        {
            ["CLOUDTHREAD_EMULATOR_API_KEYS"] = "env-key",
            ["CLOUDTHREAD_EMULATOR_DATA_FILE"] = "env.db",
            ["CLOUDTHREAD_EMULATOR_FAULT_THROTTLE_RATE"] = "0.25",
        };
        var options = CommandLine.Parse(["--api-keys", "a,b", "--urls=http://127.0.0.1:0", "--fault-error-status", "500", "--quiet"], environment)!;
        Assert.Equal(["a", "b"], options.ApiKeys);
        Assert.Equal("env.db", options.DataFile);
        Assert.Equal(0.25, options.Faults.ThrottleRate);
        Assert.Equal(500, options.Faults.ErrorStatus);
        Assert.Equal(["http://127.0.0.1:0"], options.Urls);
        Assert.True(options.Quiet);
    }

    [Theory]
    [InlineData("--nope", "x")]
    [InlineData("--fault-drop-rate", "2")]
    [InlineData("--fault-error-status", "404")]
    [InlineData("--max-body-bytes", "lots")]
    [InlineData("--data-file")]
    public void Bad_options_are_rejected(params string[] args)
    {
        Assert.Throws<ArgumentException>(() => CommandLine.Parse(args, new Hashtable()));
    }

    [Fact]
    public void Startup_lines_show_the_demo_keys_but_never_keys_given_by_option()
    {
        var demo = CommandLine.StartupLines(new EmulatorOptions(), new Uri("http://127.0.0.1:5080/"));
        Assert.Equal(["Cloudthread emulator listening on http://127.0.0.1:5080", "API key: ct-demo-api-key", "Read-only API key: ct-demo-readonly-key", "Data stream token: ct-demo-stream-token"], demo);

        var options = CommandLine.Parse(["--api-keys", "my-real-key,ct-demo-api-key", "--readonly-api-keys", "my-ro-key", "--data-stream-tokens", "my-token"], new Hashtable())!;
        var text = string.Join("\n", CommandLine.StartupLines(options, new Uri("http://127.0.0.1:5080/")));
        foreach (var secret in new[] { "my-real-key", "my-ro-key", "my-token" })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }

        Assert.Contains("API key: (as given by --api-keys; not shown)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_executable_prints_its_real_url_and_stops_on_sigterm()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }

        var dll = Path.Combine(AppContext.BaseDirectory, "Cloudthread.Emulator.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { dll, "--urls", "http://127.0.0.1:0" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        try
        {
            var lines = new List<string>();
            for (var i = 0; i < 4; i++)
            {
                lines.Add(await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)) ?? string.Empty);
            }

            Assert.StartsWith("Cloudthread emulator listening on http://127.0.0.1:", lines[0], StringComparison.Ordinal);
            Assert.DoesNotContain(":0", lines[0][^3..], StringComparison.Ordinal);
            Assert.Equal("API key: ct-demo-api-key", lines[1]);
            Assert.Equal("Read-only API key: ct-demo-readonly-key", lines[2]);
            Assert.Equal("Data stream token: ct-demo-stream-token", lines[3]);

            using var client = new HttpClient { BaseAddress = new Uri(lines[0]["Cloudthread emulator listening on ".Length..]) };
            using var request = new HttpRequestMessage(HttpMethod.Get, "/users");
            request.Headers.Add("x-api-key", "ct-demo-api-key");
            using var response = await client.SendAsync(request);
            Assert.Equal(200, (int)response.StatusCode);

            Assert.Equal(0, NativeMethods.Kill(process.Id, 15));
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }

    private static class NativeMethods
    {
        [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
        public static extern int Kill(int pid, int signal);
    }
}
