using System;
using System.Net;

namespace Cloudthread.Client
{
    /// <summary>Everything a connection needs: where, who, and how patient to be.</summary>
    public sealed class CloudthreadClientOptions
    {
        public static readonly Uri DefaultBaseUri = new Uri("https://api.cloudthread.io");

        public Uri BaseUri { get; set; } = DefaultBaseUri;

        /// <summary>The x-api-key value. Never logged, never shown by ToString, never put in an error.</summary>
        public string? ApiKey { get; set; }

        public RetryOptions Retry { get; set; } = new RetryOptions();

        /// <summary>Timeout for one HTTP attempt (retries each get their own).</summary>
        public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(100);

        public ProxyOptions Proxy { get; set; } = new ProxyOptions();

        /// <summary>How timestamps are written on the wire (CONTRACT.md: RFC 3339 UTC by default).</summary>
        public TimestampFormat TimestampFormat { get; set; } = TimestampFormat.Rfc3339;

        /// <summary>Receives summary and detail log lines, already redacted. May be overridden per call by <see cref="CloudthreadLogScope"/>.</summary>
        public ICloudthreadLogger? Logger { get; set; }

        public override string ToString() => $"CloudthreadClientOptions(BaseUri={BaseUri}, ApiKey={(ApiKey is null ? "<none>" : "<redacted>")})";
    }

    public sealed class RetryOptions
    {
        /// <summary>Total attempts including the first (1 disables retries).</summary>
        public int MaxAttempts { get; set; } = 5;

        /// <summary>First backoff step; doubles each retry, with jitter.</summary>
        public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>No single wait is longer than this, Retry-After included.</summary>
        public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>No retry starts once this much time has passed since the first attempt.</summary>
        public TimeSpan TotalBudget { get; set; } = TimeSpan.FromMinutes(2);
    }

    public enum ProxyMode
    {
        /// <summary>The platform default: system settings, HTTPS_PROXY / HTTP_PROXY / NO_PROXY.</summary>
        System,
        /// <summary>Direct connection, no proxy.</summary>
        None,
        /// <summary>The proxy in <see cref="ProxyOptions.Address"/>, with optional credentials.</summary>
        Explicit,
    }

    public sealed class ProxyOptions
    {
        public ProxyMode Mode { get; set; } = ProxyMode.System;
        public Uri? Address { get; set; }
        public NetworkCredential? Credential { get; set; }
    }

    public enum TimestampFormat
    {
        /// <summary>yyyy-MM-ddTHH:00:00Z</summary>
        Rfc3339,
        /// <summary>yyyy-MM-dd HH:mm:ss (UTC), as in Cloudthread's prose docs.</summary>
        SpaceSeparated,
    }
}
