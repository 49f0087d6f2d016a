using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Cloudthread.Emulator;

/// <summary>
/// Kestrel's connection limits for a local test server: a client that stalls (an incomplete request line,
/// headers or body) is dropped within seconds instead of holding a connection for half a minute or more,
/// and no client can open connections without bound. Documented in docs/emulator.md.
/// </summary>
internal static class EmulatorLimits
{
    /// <summary>Request line and headers must arrive within this (Kestrel's default is 30 s).</summary>
    public static readonly TimeSpan RequestHeadersTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// An idle keep-alive connection is closed after this. Kept above the 60 s .NET clients keep an idle
    /// connection, so that a client never reuses one the server is closing (which would fail an event POST).
    /// </summary>
    public static readonly TimeSpan KeepAliveTimeout = TimeSpan.FromSeconds(75);

    /// <summary>A request body slower than this after the grace period is cut off (default 240 B/s).</summary>
    public const double MinRequestBodyBytesPerSecond = 1024;

    public static readonly TimeSpan MinDataRateGracePeriod = TimeSpan.FromSeconds(5);

    /// <summary>Open connections at once; Kestrel closes any more at once (default: unlimited).</summary>
    public const long MaxConcurrentConnections = 1000;

    public static void Apply(KestrelServerLimits limits)
    {
        limits.RequestHeadersTimeout = RequestHeadersTimeout;
        limits.KeepAliveTimeout = KeepAliveTimeout;
        limits.MinRequestBodyDataRate = new MinDataRate(MinRequestBodyBytesPerSecond, MinDataRateGracePeriod);
        limits.MaxConcurrentConnections = MaxConcurrentConnections;
        // The API has no WebSocket or other upgraded connection: none is held open.
        limits.MaxConcurrentUpgradedConnections = 0;
    }
}
