namespace Cloudthread.Emulator;

/// <summary>
/// Host lifetime for emulators started inside another process (tests, benchmark): unlike the console
/// lifetime it does not take over Ctrl+C / SIGTERM, which belong to the host process.
/// </summary>
internal sealed class InProcessLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
