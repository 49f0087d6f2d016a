using Cloudthread.Emulator.Model;
using Cloudthread.Emulator.Seed;
using Cloudthread.Emulator.State;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Cloudthread.Emulator;

/// <summary>A running emulator on real Kestrel; dispose it to stop.</summary>
public sealed class EmulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly EmulatorState _state;

    private EmulatorServer(WebApplication app, EmulatorState state, EmulatorOptions options, Uri baseUri)
    {
        _app = app;
        _state = state;
        Options = options;
        BaseUri = baseUri;
    }

    /// <summary>The address the server is bound to (the real port when port 0 was asked), ending in '/'.</summary>
    public Uri BaseUri { get; }

    /// <summary>The options the server was started with.</summary>
    public EmulatorOptions Options { get; }

    /// <summary>Starts an emulator; fails with a clear message when the seed file or data file is unusable.</summary>
    /// <remarks>In-process servers leave Ctrl+C and SIGTERM to the host process; dispose to stop.</remarks>
    public static Task<EmulatorServer> StartAsync(EmulatorOptions options, CancellationToken cancellationToken = default) =>
        StartAsync(options, handleConsoleSignals: false, cancellationToken);

    /// <summary>Starts an emulator; the command line asks it to stop on Ctrl+C / SIGTERM.</summary>
    internal static async Task<EmulatorServer> StartAsync(EmulatorOptions options, bool handleConsoleSignals, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Faults.Validate() is { } faultProblem)
        {
            throw new ArgumentException("Invalid fault settings: " + faultProblem, nameof(options));
        }

        if (options.MaxBodyBytes < 1)
        {
            throw new ArgumentException("MaxBodyBytes must be positive.", nameof(options));
        }

        OrgSeed seed = options.SeedFile is null ? DemoOrg.Create() : SeedFileReader.Read(options.SeedFile);
        var store = options.DataFile is null ? null : new SqliteStore(options.DataFile);
        var state = new EmulatorState(seed, store);
        try
        {
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
            {
                Args = [],
                ApplicationName = typeof(EmulatorServer).Assembly.GetName().Name,
                ContentRootPath = AppContext.BaseDirectory,
            });
            builder.Logging.ClearProviders();
            if (!options.Quiet)
            {
                builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
                builder.Logging.SetMinimumLevel(LogLevel.Warning);
            }

            builder.WebHost.ConfigureKestrel(kestrel =>
            {
                // The emulator enforces its own limit so it can answer 413 with an error body.
                kestrel.Limits.MaxRequestBodySize = null;
                kestrel.AddServerHeader = false;
                EmulatorLimits.Apply(kestrel.Limits);
            });
            builder.WebHost.UseUrls([.. options.Urls]);
            if (!handleConsoleSignals)
            {
                builder.Services.AddSingleton<IHostLifetime, InProcessLifetime>();
            }

            var app = builder.Build();
            var runtime = new EmulatorRuntime(options, state);
            EmulatorApp.Configure(app, runtime);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            var baseUri = new Uri(address.EndsWith('/') ? address : address + "/");
            return new EmulatorServer(app, state, options, baseUri);
        }
        catch
        {
            state.Dispose();
            throw;
        }
    }

    /// <summary>Completes when the host is asked to stop (Ctrl+C, SIGTERM).</summary>
    /// <remarks>Only the command line uses this; it needs the console lifetime.</remarks>
    internal Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    /// <summary>Stops the server and closes the data file.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _state.Dispose();
    }
}
