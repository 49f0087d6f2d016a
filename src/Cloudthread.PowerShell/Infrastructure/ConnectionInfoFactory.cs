using System;
using Cloudthread.Client;

namespace Cloudthread.PowerShell.Infrastructure
{
    internal static class ConnectionInfoFactory
    {
        public static CloudthreadConnectionInfo Describe(CloudthreadConnection connection)
        {
            var options = connection.Options;
            return new CloudthreadConnectionInfo(
                options.BaseUri,
                connection.ApiKeySource,
                connection.DataStreamToken is not null,
                Math.Max(0, options.Retry.MaxAttempts - 1),
                options.Retry.MaxDelay,
                options.Retry.TotalBudget,
                options.AttemptTimeout,
                DescribeProxy(options.Proxy),
                options.TimestampFormat.ToString(),
                connection.ConnectedAt,
                options.MaxResponseBytes)
            {
                Scope = connection.Scope,
            };
        }

        private static string DescribeProxy(ProxyOptions proxy)
        {
            switch (proxy.Mode)
            {
                case ProxyMode.None:
                    return "None";
                case ProxyMode.Explicit when proxy.Address is not null:
                    // Never show user info a proxy URI may carry (http://user:password@host).
                    var shown = proxy.Address.IsAbsoluteUri ? UriDisplay.WithoutUserInfo(proxy.Address) : "(proxy)";
                    return proxy.Credential is not null ? shown + " (with credential)" : shown;
                default:
                    return "System";
            }
        }
    }
}
