using System;
using System.Net;
using System.Threading;

namespace Cloudthread.Client.Http
{
    /// <summary>Checks a connection's settings once, when the transport is built, and says exactly what is wrong.</summary>
    internal static class TransportSettings
    {
        /// <summary>
        /// HTTPS is required: the API key travels in a header. Plain HTTP is allowed only to a loopback
        /// address (localhost, 127.0.0.0/8, [::1]), where the emulator runs.
        /// </summary>
        public static Uri ValidateBaseUri(Uri? baseUri)
        {
            if (baseUri == null)
            {
                throw new CloudthreadException(CloudthreadErrorKind.Configuration, "BaseUri is not set; the Cloudthread API is at " + CloudthreadClientOptions.DefaultBaseUri + ".");
            }

            if (!baseUri.IsAbsoluteUri)
            {
                throw new CloudthreadException(CloudthreadErrorKind.Configuration, "BaseUri '" + baseUri.OriginalString + "' is not an absolute URI (expected e.g. " + CloudthreadClientOptions.DefaultBaseUri + ").");
            }

            var shown = Display(baseUri);
            if (!string.IsNullOrEmpty(baseUri.UserInfo))
            {
                // The API authenticates by key only; user information would be a secret sitting in a URI that logs and Get-CtConnection show.
                throw new CloudthreadException(
                    CloudthreadErrorKind.Configuration,
                    "BaseUri " + shown + " carries user information (user:password@); the Cloudthread API authenticates by API key only: remove it from the URI.");
            }

            if (string.Equals(baseUri.Scheme, "https", StringComparison.OrdinalIgnoreCase))
            {
                return baseUri;
            }

            if (!string.Equals(baseUri.Scheme, "http", StringComparison.OrdinalIgnoreCase))
            {
                throw new CloudthreadException(CloudthreadErrorKind.Configuration, "BaseUri " + shown + " uses the scheme '" + baseUri.Scheme + "'; use https://.");
            }

            if (!IsLoopback(baseUri))
            {
                throw new CloudthreadException(
                    CloudthreadErrorKind.Configuration,
                    "BaseUri " + shown + " uses plain HTTP to a host that is not loopback, which would send the API key unencrypted; "
                    + "use https://, or http:// only for localhost, 127.0.0.0/8 or [::1].");
            }

            return baseUri;
        }

        public static bool IsLoopback(Uri uri)
        {
            var host = uri.DnsSafeHost;
            if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            return IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address);
        }

        /// <summary>The URI as an error may show it: scheme, host, port and path; no user info, query or fragment.</summary>
        public static string Display(Uri uri) =>
            uri.IsAbsoluteUri
                ? uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped)
                : uri.OriginalString.Split('?', '#')[0];

        public static void ValidateApiKey(string? apiKey)
        {
            if (apiKey == null)
            {
                return;
            }

            foreach (var c in apiKey)
            {
                if (c < 0x20 || c > 0x7E)
                {
                    throw new CloudthreadException(
                        CloudthreadErrorKind.Configuration,
                        "ApiKey contains a line break, control or non-ASCII character; copy the key again without surrounding text.");
                }
            }
        }

        public static void Validate(CloudthreadClientOptions options)
        {
            ValidateBaseUri(options.BaseUri);
            ValidateApiKey(options.ApiKey);

            if (options.MaxResponseBytes <= 0)
            {
                throw new CloudthreadException(CloudthreadErrorKind.Configuration, "MaxResponseBytes must be positive; it is " + options.MaxResponseBytes + ".");
            }

            if (options.AttemptTimeout <= TimeSpan.Zero && options.AttemptTimeout != Timeout.InfiniteTimeSpan)
            {
                throw new CloudthreadException(CloudthreadErrorKind.Configuration, "AttemptTimeout must be positive (or infinite); it is " + options.AttemptTimeout + ".");
            }

            var retry = options.Retry;
            if (retry != null)
            {
                if (retry.MaxAttempts < 1)
                {
                    throw new CloudthreadException(CloudthreadErrorKind.Configuration, "Retry.MaxAttempts must be at least 1 (1 disables retries); it is " + retry.MaxAttempts + ".");
                }

                if (retry.BaseDelay < TimeSpan.Zero || retry.MaxDelay < TimeSpan.Zero || retry.TotalBudget < TimeSpan.Zero)
                {
                    throw new CloudthreadException(CloudthreadErrorKind.Configuration, "Retry.BaseDelay, Retry.MaxDelay and Retry.TotalBudget must not be negative.");
                }
            }

            ProxySelector.Select(options.Proxy);
        }
    }
}
