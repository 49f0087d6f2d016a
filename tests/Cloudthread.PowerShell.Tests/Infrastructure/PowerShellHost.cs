using System.Diagnostics;

namespace Cloudthread.PowerShell.Tests.Infrastructure;

/// <summary>
/// How the tests start PowerShell 7: the repository's pinned .NET tool (`dotnet tool restore`, then `dotnet pwsh`),
/// or, where that cannot be restored, a pwsh on PATH.
/// </summary>
internal sealed class PowerShellHost
{
    private PowerShellHost(string fileName, IReadOnlyList<string> prefix, string description)
    {
        FileName = fileName;
        Prefix = prefix;
        Description = description;
    }

    public string FileName { get; }

    /// <summary>Arguments that come before pwsh's own (`pwsh` for `dotnet pwsh`).</summary>
    public IReadOnlyList<string> Prefix { get; }

    public string Description { get; }

    public static PowerShellHost Resolve(string repoRoot, Action<string> log)
    {
        var restore = Run("dotnet", repoRoot, "tool", "restore");
        if (restore.ExitCode == 0)
        {
            return new PowerShellHost("dotnet", new[] { "pwsh" }, "dotnet pwsh (the tool pinned in .config/dotnet-tools.json)");
        }

        log("dotnet tool restore failed (" + restore.ExitCode + "): " + restore.Output);
        var onPath = FindOnPath();
        if (onPath is not null)
        {
            return new PowerShellHost(onPath, Array.Empty<string>(), onPath + " (on PATH)");
        }

        throw new InvalidOperationException(
            "No PowerShell 7: 'dotnet tool restore' failed (see the output) and no pwsh is on PATH. " +
            "The repository pins PowerShell 7.6.9 in .config/dotnet-tools.json.");
    }

    public ProcessStartInfo StartInfo(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(FileName)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in Prefix.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    private static string? FindOnPath()
    {
        var name = OperatingSystem.IsWindows() ? "pwsh.exe" : "pwsh";
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory.Trim('"'), name))
            .FirstOrDefault(File.Exists);
    }

    private static (int ExitCode, string Output) Run(string fileName, string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException(fileName + " did not start");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result);
    }
}
