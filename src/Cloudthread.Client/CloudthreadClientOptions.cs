using System;
using System.Net;

namespace Cloudthread.Client
{
    /// <summary>Everything a connection needs: where, who, and how patient to be.</summary>
    public sealed class CloudthreadClientOptions
    {
        public static readonly Uri DefaultBaseUri = new Uri("https://api.cloudthread.io");

        /// <summary>
        /// Where the API is. Must be https://, except http:// to a loopback address (localhost, 127.0.0.0/8, [::1]);
        /// checked when the connection is created, and fixed from then on.
        /// </summary>
        public Uri BaseUri { get; set; } = DefaultBaseUri;

        /// <summary>The x-api-key value. Never logged, never shown by ToString, never put in an error.</summary>
        public string? ApiKey { get; set; }

        public RetryOptions Retry { get; set; } = new RetryOptions();

        /// <summary>
        /// Timeout for one HTTP attempt, reading the whole answer included (retries each get their own).
        /// An attempt that times out is retried only for safe requests, and finally raises Kind=Timeout.
        /// </summary>
        public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(100);

        public ProxyOptions Proxy { get; set; } = new ProxyOptions();

        /// <summary>64 MiB: far above any answer of the API, far below what would strain a PowerShell session.</summary>
        public const long DefaultMaxResponseBytes = 64L * 1024 * 1024;

        /// <summary>
        /// The largest answer read, counted after decompression. A larger one fails with Kind=ResponseTooLarge as
        /// soon as the limit is passed, so a broken or hostile server cannot exhaust memory. Error bodies are
        /// read only as far as a message needs.
        /// </summary>
        public long MaxResponseBytes { get; set; } = DefaultMaxResponseBytes;

        /// <summary>How timestamps are written on the wire (CONTRACT.md: RFC 3339 UTC by default).</summary>
        public TimestampFormat TimestampFormat { get; set; } = TimestampFormat.Rfc3339;

        /// <summary>Receives summary and detail log lines, already redacted. May be overridden per call by <see cref="CloudthreadLogScope"/>.</summary>
        public ICloudthreadLogger? Logger { get; set; }

        /// <summary>A copy of every setting, whose Retry and Proxy are copies too: a change to one never reaches the other.</summary>
        public CloudthreadClientOptions Clone()
        {
            var copy = (CloudthreadClientOptions)MemberwiseClone();
            copy.Retry = Retry.Clone();
            copy.Proxy = Proxy.Clone();
            return copy;
        }

        /// <summary>
        /// Checks the settings as a client built from them would (HTTPS or loopback HTTP, no user information, positive
        /// limits, a usable proxy), so that a caller can refuse them before it does anything else.
        /// </summary>
        /// <exception cref="CloudthreadException">Of kind <see cref="CloudthreadErrorKind.Configuration"/>, saying what is wrong.</exception>
        public void Validate() => Http.TransportSettings.Validate(this);

        public override string ToString() => $"CloudthreadClientOptions(BaseUri={BaseUri}, ApiKey={(ApiKey is null ? "<none>" : "<redacted>")})";
    }

    /// <summary>
    /// When and how long to wait before sending a failed request again. What is retried depends on the
    /// operation: safe requests (GET, upserts) on 429, 500, 502, 503, 504, network failures and attempt timeouts;
    /// event POSTs and generic POST/PATCH only when the server cannot have processed them (connection
    /// refused, 429, 503). A server's Retry-After (seconds or HTTP date) sets the wait; otherwise the wait
    /// is exponential backoff with full jitter.
    /// </summary>
    public sealed class RetryOptions
    {
        /// <summary>Total attempts including the first (1 disables retries).</summary>
        public int MaxAttempts { get; set; } = 5;

        /// <summary>First backoff step; doubles each retry; each wait is a random fraction of the step (full jitter).</summary>
        public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>
        /// No single wait is longer than this, Retry-After included. When the server asks for a longer wait,
        /// the client gives up at once with the server's answer (retrying sooner would only be refused again).
        /// </summary>
        public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>No retry whose wait would end more than this long after the first attempt started; the client gives up instead.</summary>
        public TimeSpan TotalBudget { get; set; } = TimeSpan.FromMinutes(2);

        public RetryOptions Clone() => (RetryOptions)MemberwiseClone();
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

        public ProxyOptions Clone() => (ProxyOptions)MemberwiseClone();
    }

    public enum TimestampFormat
    {
        /// <summary>yyyy-MM-ddTHH:00:00Z</summary>
        Rfc3339,
        /// <summary>yyyy-MM-dd HH:mm:ss (UTC), as in Cloudthread's prose docs.</summary>
        SpaceSeparated,
    }
}
