using System;
using Cloudthread.Client;

namespace Cloudthread.PowerShell.Infrastructure
{
    internal static class ClientOptionsFactory
    {
        /// <summary>The connection's retry, timeout, proxy and timestamp settings (defaults without one), without key or logger.</summary>
        public static CloudthreadClientOptions CopyOf(CloudthreadClientOptions? source)
        {
            var options = new CloudthreadClientOptions();
            if (source is null)
            {
                return options;
            }

            options.BaseUri = source.BaseUri;
            options.AttemptTimeout = source.AttemptTimeout;
            options.TimestampFormat = source.TimestampFormat;
            options.MaxResponseBytes = source.MaxResponseBytes;
            options.Retry = new RetryOptions
            {
                MaxAttempts = source.Retry.MaxAttempts,
                BaseDelay = source.Retry.BaseDelay,
                MaxDelay = source.Retry.MaxDelay,
                TotalBudget = source.Retry.TotalBudget,
            };
            options.Proxy = new ProxyOptions
            {
                Mode = source.Proxy.Mode,
                Address = source.Proxy.Address,
                Credential = source.Proxy.Credential,
            };
            return options;
        }

        /// <summary>$env:CLOUDTHREAD_BASE_URI when it holds an absolute URI.</summary>
        public static Uri? EnvironmentBaseUri()
        {
            var text = SecureStrings.NonEmpty(Environment.GetEnvironmentVariable(CloudthreadCmdlet.BaseUriVariable));
            return text is not null && Uri.TryCreate(text, UriKind.Absolute, out var uri) ? uri : null;
        }
    }
}
