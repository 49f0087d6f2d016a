using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;

namespace Cloudthread.Client.Http
{
    /// <summary>
    /// One IHttpClientFactory for the process (on PowerShell 7, for the module's load context), built once, as
    /// Microsoft.Extensions.Http is meant to be used: the three handlers (API key, logging, retry) are registered
    /// once, every connection asks for a short-lived HttpClient per request, and the factory pools the handler
    /// chains and replaces them after <see cref="DefaultHandlerLifetime"/>, so a long session sees DNS changes.
    /// </summary>
    /// <remarks>
    /// The only per-connection setting a handler chain carries is the proxy (in the primary handler); so there is
    /// one named client per distinct proxy setting, and connections with the same proxy share pooled connections.
    /// Names are "Cloudthread.{mode}.{n}": never an address or a credential. Everything else a connection
    /// decides (key, logger, retry options, attempt timeout) travels with each request (<see cref="TransportConnection"/>).
    /// </remarks>
    internal sealed class HttpClientPool : IDisposable
    {
        /// <summary>How long a pooled handler chain serves new requests before the factory builds a fresh one.</summary>
        public static readonly TimeSpan DefaultHandlerLifetime = TimeSpan.FromMinutes(5);

        private static readonly Lazy<HttpClientPool> s_shared =
            new Lazy<HttpClientPool>(() => new HttpClientPool(DefaultHandlerLifetime), LazyThreadSafetyMode.ExecutionAndPublication);

        // What makes two proxy settings the same handler chain: mode, address and credential, the credential by
        // value (each Connect-Cloudthread builds a new NetworkCredential). Kept in memory only, never shown.
        private readonly ConcurrentDictionary<(ProxyMode Mode, string? Address, string? User, string? Domain, string? Password), string> _names =
            new ConcurrentDictionary<(ProxyMode, string?, string?, string?, string?), string>();
        private readonly ConcurrentDictionary<string, ProxyOptions> _proxies = new ConcurrentDictionary<string, ProxyOptions>(StringComparer.Ordinal);
        private readonly ServiceProvider _services;
        private readonly IHttpClientFactory _factory;
        private int _count;
        private int _chainsBuilt;

        internal HttpClientPool(TimeSpan handlerLifetime)
        {
            HandlerLifetime = handlerLifetime;
            var services = new ServiceCollection();
            services.ConfigureHttpClientDefaults(client => client
                .ConfigureHttpClient(ConfigureClient)
                .AddHttpMessageHandler(() => new ApiKeyHandler())
                .AddHttpMessageHandler(() => new LoggingHandler())
                .AddHttpMessageHandler(() => new RetryHandler())
                .SetHandlerLifetime(handlerLifetime)
                // The module's log is LoggingHandler, redacted; the factory's own loggers would write raw URIs
                // (data stream tokens included) to any ILogger provider, and a PowerShell session has none anyway.
                .RemoveAllLoggers());
            // The primary handler depends on the name (the proxy settings it was registered for).
            services.AddSingleton<IConfigureOptions<HttpClientFactoryOptions>>(new PrimaryHandlerSetup(this));
            _services = services.BuildServiceProvider();
            _factory = _services.GetRequiredService<IHttpClientFactory>();
        }

        public static HttpClientPool Shared => s_shared.Value;

        public TimeSpan HandlerLifetime { get; }

        /// <summary>The number of named clients (distinct proxy settings) so far.</summary>
        public int NamedClientCount => Volatile.Read(ref _count);

        /// <summary>How many handler chains the factory has built (one per name, then one per rotation).</summary>
        public int HandlerChainsBuilt => Volatile.Read(ref _chainsBuilt);

        /// <summary>The named client for a connection's proxy settings, registered on first use.</summary>
        public string NameFor(ProxyOptions? proxy)
        {
            var key = (proxy?.Mode ?? ProxyMode.System, proxy?.Address?.OriginalString, proxy?.Credential?.UserName, proxy?.Credential?.Domain, proxy?.Credential?.Password);
            return _names.GetOrAdd(key, k =>
            {
                var name = "Cloudthread." + k.Mode.ToString().ToLowerInvariant() + "." + Interlocked.Increment(ref _count).ToString(CultureInfo.InvariantCulture);
                // A copy, so a later change to the caller's ProxyOptions cannot change a registered client.
                _proxies[name] = new ProxyOptions
                {
                    Mode = k.Mode,
                    Address = k.Address is null ? null : new Uri(k.Address),
                    Credential = proxy?.Credential is null ? null : new NetworkCredential(k.User, k.Password, k.Domain),
                };
                return name;
            });
        }

        /// <summary>A client for one request: cheap, and disposing it leaves the pooled handlers alone.</summary>
        public HttpClient CreateClient(string name) => _factory.CreateClient(name);

        public void Dispose() => _services.Dispose();

        private ProxyOptions ProxyOf(string? name) =>
            name != null && _proxies.TryGetValue(name, out var proxy)
                ? proxy
                : throw new InvalidOperationException("No Cloudthread HTTP client is registered under the name '" + name + "'.");

        /// <summary>Gives each named client the primary handler for the proxy settings its name was registered for.</summary>
        private sealed class PrimaryHandlerSetup : IConfigureNamedOptions<HttpClientFactoryOptions>
        {
            private readonly HttpClientPool _pool;

            public PrimaryHandlerSetup(HttpClientPool pool) => _pool = pool;

            public void Configure(string? name, HttpClientFactoryOptions options)
            {
                var proxy = _pool.ProxyOf(name);
                options.HttpMessageHandlerBuilderActions.Add(builder =>
                {
                    Interlocked.Increment(ref _pool._chainsBuilt);
                    builder.PrimaryHandler = CreatePrimaryHandler(proxy);
                });
            }

            public void Configure(HttpClientFactoryOptions options) => Configure(Options.DefaultName, options);
        }

        private static void ConfigureClient(HttpClient client)
        {
            // Each attempt has its own timeout in the retry handler; the client-wide one would cut retries short.
            client.Timeout = Timeout.InfiniteTimeSpan;
            client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", UserAgent.Value);
            client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        }

        private static HttpClientHandler CreatePrimaryHandler(ProxyOptions? proxy)
        {
            var handler = new HttpClientHandler
            {
                // A redirect could carry the x-api-key header to another host: surface it as an error instead.
                AllowAutoRedirect = false,
                UseCookies = false,
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            };
            ProxySelector.Select(proxy).ApplyTo(handler);
            return handler;
        }
    }
}
