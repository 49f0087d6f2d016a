using System;
using Cloudthread.Client;

namespace Cloudthread.PowerShell.Infrastructure
{
    internal static class ClientOptionsFactory
    {
        /// <summary>The connection's retry, timeout, proxy and timestamp settings (defaults without one), without key or logger.</summary>
        public static CloudthreadClientOptions CopyOf(CloudthreadClientOptions? source)
        {
            // Clone copies every setting, so a new option is never dropped here; the key and logger are the caller's.
            var options = source?.Clone() ?? new CloudthreadClientOptions();
            options.ApiKey = null;
            options.Logger = null;
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
