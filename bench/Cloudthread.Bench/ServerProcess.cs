using System.Diagnostics;

namespace Cloudthread.Bench;

/// <summary>
/// A loopback server in a process of its own: the emulator for item 6 on the in-process engine (PowerShell and the
/// server then stand as they do in real use and in the pwsh runs, each with its own garbage collector), and the
/// discarding sink for item 4 (so that the heap measured is the client's alone, not the server's buffers).
/// </summary>
internal sealed class ServerProcess : IDisposable
{
    /// <summary>What a server started this way prints first: the line, then its base address.</summary>
    public const string ListeningLine = "listening on ";

    private readonly Process _process;

    private ServerProcess(Process process, Uri baseUri)
    {
        _process = process;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    /// <summary>The emulator built beside this benchmark, on a free port; null, with the reason, when it cannot start.</summary>
    public static ServerProcess? TryStartEmulator(out string failure) =>
        TryStart(new[] { Path.Combine(AppContext.BaseDirectory, "Cloudthread.Emulator.dll"), "--urls", "http://127.0.0.1:0", "--quiet" }, out failure);

    /// <summary>This benchmark run as the discarding sink (<c>--sink</c>), on a free port.</summary>
    public static ServerProcess? TryStartSink(out string failure) =>
        TryStart(new[] { typeof(ServerProcess).Assembly.Location, "--sink" }, out failure);

    private static ServerProcess? TryStart(string[] arguments, out string failure)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start);
        if (process is null)
        {
            failure = "could not start dotnet " + arguments[0];
            return null;
        }

        var reading = process.StandardOutput.ReadLineAsync();
        var line = reading.Wait(TimeSpan.FromSeconds(30)) ? reading.Result : null;
        var at = line?.IndexOf(ListeningLine, StringComparison.Ordinal) ?? -1;
        if (at < 0)
        {
            process.Kill(entireProcessTree: true);
            failure = "the server process did not start: " + line + " " + process.StandardError.ReadToEnd();
            process.Dispose();
            return null;
        }

        // Keep draining its output so that it never blocks on a full pipe.
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        failure = string.Empty;
        return new ServerProcess(process, new Uri(line![(at + ListeningLine.Length)..].Trim().TrimEnd('/') + "/"));
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }
}
