using System;
using Microsoft.PowerShell;

namespace Cloudthread.Bench.PwshHost;

/// <summary>pwsh itself: the PowerShell console host, started with the command line it was given.</summary>
internal static class Program
{
    [STAThread]
    private static int Main(string[] args) => ConsoleShell.Start(bannerText: null, helpText: null, args);
}
