using Cloudthread.Emulator;

// Entry point of the command-line emulator: parse options, start, print the lines tests parse, wait for Ctrl+C / SIGTERM.
EmulatorOptions? options;
try
{
    options = CommandLine.Parse(args, Environment.GetEnvironmentVariables());
}
catch (ArgumentException ex)
{
    await Console.Error.WriteLineAsync("cloudthread-emulator: " + ex.Message).ConfigureAwait(false);
    await Console.Error.WriteLineAsync(CommandLine.Usage).ConfigureAwait(false);
    return 2;
}

if (options is null)
{
    Console.WriteLine(CommandLine.Usage);
    return 0;
}

EmulatorServer server;
try
{
    server = await EmulatorServer.StartAsync(options, handleConsoleSignals: true, CancellationToken.None).ConfigureAwait(false);
}
catch (Exception ex) when (ex is InvalidDataException or IOException or ArgumentException or InvalidOperationException or Microsoft.Data.Sqlite.SqliteException)
{
    await Console.Error.WriteLineAsync("cloudthread-emulator: cannot start: " + ex.Message).ConfigureAwait(false);
    return 1;
}

await using (server.ConfigureAwait(false))
{
    foreach (var line in CommandLine.StartupLines(options, server.BaseUri))
    {
        Console.WriteLine(line);
    }

    await server.WaitForShutdownAsync().ConfigureAwait(false);
}

return 0;
