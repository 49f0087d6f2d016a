using System;
using System.Net;
using System.Net.Http;

namespace Cloudthread.Client.Http
{
    /// <summary>What the primary handler is told about proxies.</summary>
    internal sealed class ProxySelection
    {
        public ProxySelection(bool useProxy, IWebProxy? proxy, ICredentials? defaultProxyCredentials)
        {
            UseProxy = useProxy;
            Proxy = proxy;
            DefaultProxyCredentials = defaultProxyCredentials;
        }

        public bool UseProxy { get; }

        /// <summary>Null with UseProxy: the platform default (HTTPS_PROXY/HTTP_PROXY/NO_PROXY on .NET, the system proxy on .NET Framework).</summary>
        public IWebProxy? Proxy { get; }

        /// <summary>Credentials for the platform default proxy.</summary>
        public ICredentials? DefaultProxyCredentials { get; }

        public void ApplyTo(HttpClientHandler handler)
        {
            handler.UseProxy = UseProxy;
            if (Proxy != null)
            {
                handler.Proxy = Proxy;
            }

            if (DefaultProxyCredentials != null)
            {
                handler.DefaultProxyCredentials = DefaultProxyCredentials;
            }
        }
    }

    /// <summary>Turns <see cref="ProxyOptions"/> into handler settings: a pure function, so it can be tested without a proxy.</summary>
    internal static class ProxySelector
    {
        public static ProxySelection Select(ProxyOptions? options)
        {
            var mode = options?.Mode ?? ProxyMode.System;
            switch (mode)
            {
                case ProxyMode.None:
                    return new ProxySelection(false, null, null);
                case ProxyMode.Explicit:
                    var address = options!.Address;
                    if (address == null || !address.IsAbsoluteUri)
                    {
                        throw new CloudthreadException(CloudthreadErrorKind.Configuration, "Proxy mode is Explicit but Proxy.Address is not an absolute URI (e.g. http://proxy.example.com:8080).");
                    }

                    if (!string.Equals(address.Scheme, "http", StringComparison.OrdinalIgnoreCase) && !string.Equals(address.Scheme, "https", StringComparison.OrdinalIgnoreCase))
                    {
                        throw new CloudthreadException(CloudthreadErrorKind.Configuration, "Proxy.Address " + TransportSettings.Display(address) + " must be an http:// or https:// proxy.");
                    }

                    // Explicit means every request, loopback included, goes through this proxy.
                    var proxy = new WebProxy(address) { BypassProxyOnLocal = false, Credentials = options.Credential };
                    return new ProxySelection(true, proxy, null);
                case ProxyMode.System:
                    return new ProxySelection(true, null, options?.Credential);
                default:
                    throw new CloudthreadException(CloudthreadErrorKind.Configuration, "Unknown proxy mode " + mode + ".");
            }
        }
    }
}
