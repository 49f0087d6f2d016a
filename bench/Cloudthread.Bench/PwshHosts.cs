using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Cloudthread.Bench;

/// <summary>A pwsh executable item 6 runs in, and the name its rows carry.</summary>
internal sealed record PwshHost(string Name, string Path);

/// <summary>
/// The two pwsh hosts of item 6: the ReadyToRun host of bench/Cloudthread.Bench.PwshHost (published here on first use,
/// then reused), and the PowerShell .NET tool of the repository (.config/dotnet-tools.json), or a pwsh on PATH.
/// </summary>
internal static class PwshHosts
{
    public const string ReadyToRunName = "R2R pwsh";
    public const string ToolName = "tool pwsh";

    private static string Executable => OperatingSystem.IsWindows() ? "pwsh.exe" : "pwsh";

    /// <summary>The hosts found or made, each with the reason when one is missing.</summary>
    public static IReadOnlyList<PwshHost> Find(string repositoryRoot, List<string> missing)
    {
        var hosts = new List<PwshHost>();
        if (ReadyToRun(repositoryRoot, out var r2rFailure) is { } r2r)
        {
            hosts.Add(new PwshHost(ReadyToRunName, r2r));
        }
        else
        {
            missing.Add(ReadyToRunName + ": " + r2rFailure);
        }

        if (Tool(repositoryRoot, out var toolFailure) is { } tool)
        {
            hosts.Add(new PwshHost(ToolName, tool));
        }
        else
        {
            missing.Add(ToolName + ": " + toolFailure);
        }

        return hosts;
    }

    /// <summary>bench/Cloudthread.Bench.PwshHost/bin/pwsh-r2r/&lt;rid&gt;/pwsh, published with ReadyToRun the first time.</summary>
    private static string? ReadyToRun(string root, out string failure)
    {
        var project = Path.Combine(root, "bench", "Cloudthread.Bench.PwshHost");
        var output = Path.Combine(project, "bin", "pwsh-r2r", RuntimeInformation.RuntimeIdentifier);
        var pwsh = Path.Combine(output, Executable);
        failure = string.Empty;
        if (File.Exists(pwsh) && Directory.Exists(Path.Combine(output, "Modules")))
        {
            return pwsh;
        }

        Console.WriteLine($"  publishing the ReadyToRun pwsh host once ({output}; a few minutes)...");
        var (exitCode, text) = RunToEnd("dotnet", root, "publish", project, "-c", "Release", "-r", RuntimeInformation.RuntimeIdentifier, "-o", output, "--nologo");
        if (exitCode != 0 || !File.Exists(pwsh))
        {
            failure = "dotnet publish failed (" + exitCode + "): " + string.Join('\n', text.Split('\n').TakeLast(15));
            return null;
        }

        return pwsh;
    }

    /// <summary>The PowerShell .NET tool's own executable: under the tool the process is dotnet, so ask it for $PSHOME.</summary>
    private static string? Tool(string root, out string failure)
    {
        failure = string.Empty;
        var (exitCode, text) = RunToEnd("dotnet", root, "pwsh", "-NoProfile", "-NonInteractive", "-Command", "$PSHOME");
        var home = text.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.Length > 0);
        if (exitCode == 0 && home is not null && File.Exists(Path.Combine(home, Executable)))
        {
            return Path.Combine(home, Executable);
        }

        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, Executable))
            .FirstOrDefault(File.Exists);
        if (onPath is null)
        {
            failure = "no PowerShell .NET tool (run `dotnet tool restore`) and no pwsh on PATH";
        }

        return onPath;
    }

    private static (int ExitCode, string Output) RunToEnd(string fileName, string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start)!;
            var errors = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output + errors.Result);
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            return (-1, exception.Message);
        }
    }
}
