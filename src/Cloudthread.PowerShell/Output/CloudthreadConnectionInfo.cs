using System;

namespace Cloudthread.PowerShell
{
    /// <summary>What Get-CtConnection shows: where and how the module connects. Never a secret, nor part of one.</summary>
    public sealed class CloudthreadConnectionInfo
    {
        public CloudthreadConnectionInfo(
            Uri baseUri, string apiKeySource, bool hasDataStreamToken, int maxRetries, TimeSpan maxRetryDelay, TimeSpan retryBudget,
            TimeSpan timeout, string proxy, string timestampFormat, DateTimeOffset connectedAt, long maxResponseBytes)
        {
            MaxResponseBytes = maxResponseBytes;
            BaseUri = baseUri;
            ApiKeySource = apiKeySource;
            HasDataStreamToken = hasDataStreamToken;
            MaxRetries = maxRetries;
            MaxRetryDelay = maxRetryDelay;
            RetryBudget = retryBudget;
            Timeout = timeout;
            Proxy = proxy;
            TimestampFormat = timestampFormat;
            ConnectedAt = connectedAt;
        }

        public Uri BaseUri { get; }

        /// <summary>Process (every runspace of the process uses it) or Runspace (this runspace only).</summary>
        public string Scope { get; internal set; } = "Process";

        /// <summary>Always the same mask: no character of the key is ever shown.</summary>
        public string ApiKeyHint { get; } = "********";

        /// <summary>Parameter, Environment or Vault.</summary>
        public string ApiKeySource { get; }

        public bool HasDataStreamToken { get; }

        /// <summary>Retries after the first attempt.</summary>
        public int MaxRetries { get; }

        public TimeSpan MaxRetryDelay { get; }

        public TimeSpan RetryBudget { get; }

        /// <summary>Timeout of one attempt.</summary>
        public TimeSpan Timeout { get; }

        /// <summary>System, None, or the proxy address (with "(with credential)" when one is set; never the credential).</summary>
        public string Proxy { get; }

        public string TimestampFormat { get; }

        /// <summary>The largest answer read (after decompression); a larger one fails with ResponseTooLarge.</summary>
        public long MaxResponseBytes { get; }

        public DateTimeOffset ConnectedAt { get; }

        public override string ToString() => BaseUri.ToString();
    }
}
