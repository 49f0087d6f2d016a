using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;

namespace Cloudthread.Client.Http
{
    /// <summary>
    /// The shared HTTP core: one HttpClient per connection, built with Microsoft.Extensions.Http from the
    /// handler chain (outermost first: API key, logging, retry), proxy and TLS policy, User-Agent.
    /// The base URI is checked and fixed at construction (HTTPS, or plain HTTP to loopback only); the API
    /// key, retry options, timeout and logger are read at each call.
    /// </summary>
    internal sealed class ApiTransport : IDisposable
    {
        private const string ClientName = "Cloudthread";

        private readonly ServiceProvider _services;
        private readonly HttpClient _client;
        private readonly string _basePath;
        private HttpMessageHandler? _primaryHandler;
        private int _disposed;

        public ApiTransport(CloudthreadClientOptions options)
            : this(options, RetryClock.Real, RetryRandom.Default)
        {
        }

        /// <summary>For tests: a clock that records waits, and a fixed jitter.</summary>
        internal ApiTransport(CloudthreadClientOptions options, RetryClock clock, Func<double> random)
        {
            Options = options ?? throw new ArgumentNullException(nameof(options));
            TransportSettings.Validate(options);
            BaseUri = options.BaseUri;
            _basePath = BaseUri.GetLeftPart(UriPartial.Path).TrimEnd('/');
            var proxy = ProxySelector.Select(options.Proxy);

            var services = new ServiceCollection();
            services.AddHttpClient(ClientName)
                .ConfigurePrimaryHttpMessageHandler(() => _primaryHandler = CreatePrimaryHandler(proxy))
                .AddHttpMessageHandler(() => new ApiKeyHandler(options))
                .AddHttpMessageHandler(() => new LoggingHandler(options))
                .AddHttpMessageHandler(() => new RetryHandler(options, clock, random))
                // One handler chain for the life of the connection: this transport owns and disposes it.
                .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
                .RemoveAllLoggers();
            _services = services.BuildServiceProvider();

            _client = _services.GetRequiredService<IHttpClientFactory>().CreateClient(ClientName);
            // Each attempt has its own timeout in the retry handler; the client-wide one would cut retries short.
            _client.Timeout = Timeout.InfiniteTimeSpan;
            _client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", UserAgent.Value);
            _client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        }

        public CloudthreadClientOptions Options { get; }

        /// <summary>The validated base URI this transport sends to.</summary>
        public Uri BaseUri { get; }

        /// <summary>
        /// Sends the request through the handler chain. Returns 2xx answers; throws
        /// <see cref="CloudthreadApiException"/> for anything else (after retries), network failures and
        /// timeouts, and <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> fires.
        /// </summary>
        public async Task<ApiResponse> SendAsync(ApiRequest request, CancellationToken cancellationToken)
        {
            if (request == null)
            {
                throw new ArgumentNullException(nameof(request));
            }

            if (Volatile.Read(ref _disposed) != 0)
            {
                throw new ObjectDisposedException(nameof(ApiTransport));
            }

            var secrets = RequestSecrets.Collect(request, Options.ApiKey);
            var pathAndQuery = PathAndQuery(request);
            var displayPath = SecretRedactor.RedactPathAndQuery(pathAndQuery, secrets);
            var method = request.Method.Method;

            using (var message = new HttpRequestMessage(request.Method, new Uri(_basePath + pathAndQuery)))
            {
                if (request.JsonBody.HasValue)
                {
                    message.Content = BufferedContent.Json(request.JsonBody.Value, request.BodyIsGzip);
                }

                foreach (var header in request.Headers)
                {
                    if (!message.Headers.TryAddWithoutValidation(header.Key, header.Value))
                    {
                        // Content-* headers belong to the body (there is one: RawApi refuses them otherwise).
                        message.Content?.Headers.Remove(header.Key);
                        message.Content?.Headers.TryAddWithoutValidation(header.Key, header.Value);
                    }
                }

                RequestProperties.SetRetryMode(message, request.RetryMode);
                RequestProperties.SetDisplayPath(message, displayPath);
                RequestSecrets.Attach(message, secrets);

                HttpResponseMessage response;
                try
                {
                    response = await _client.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
                }
                catch (TransportFailureException failure)
                {
                    throw ApiErrorFactory.FromFailure(method, displayPath, failure, secrets);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }
                catch (HttpRequestException exception)
                {
                    // The retry handler turns network failures into TransportFailureException; this is a safety net.
                    throw ApiErrorFactory.FromFailure(
                        method,
                        displayPath,
                        new TransportFailureException(CloudthreadErrorKind.Network, RetryHandler.DescribeNetworkFailure(RetryPolicy.Classify(exception), exception), RequestProperties.GetAttempts(message), null, exception),
                        secrets);
                }

                using (response)
                {
                    var body = response.Content is BufferedContent buffered
                        ? buffered.Bytes.ToArray()
                        : response.Content == null ? Array.Empty<byte>() : await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                    var status = (int)response.StatusCode;
                    var contentType = response.Content?.Headers.ContentType?.ToString();
                    if ((status >= 200 && status < 300) || request.ReturnErrorResponses)
                    {
                        return new ApiResponse(status, body, contentType, HeadersOf(response));
                    }

                    throw ApiErrorFactory.FromResponse(
                        method,
                        displayPath,
                        status,
                        response.ReasonPhrase,
                        body,
                        contentType,
                        response.Headers.Location,
                        RequestProperties.GetAttempts(message),
                        RetryHandler.GetGiveUpReason(message),
                        secrets);
                }
            }
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
            {
                return;
            }

            _client.Dispose();
            _services.Dispose();
            _primaryHandler?.Dispose();
        }

        private static Dictionary<string, string[]> HeadersOf(HttpResponseMessage response)
        {
            var headers = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
            foreach (var header in response.Headers)
            {
                headers[header.Key] = header.Value.ToArray();
            }

            if (response.Content != null)
            {
                foreach (var header in response.Content.Headers)
                {
                    headers[header.Key] = header.Value.ToArray();
                }
            }

            return headers;
        }

        /// <summary>The request's path and escaped query, relative to the base URI's path.</summary>
        internal static string PathAndQuery(ApiRequest request)
        {
            var builder = new StringBuilder();
            if (!request.Path.StartsWith("/", StringComparison.Ordinal))
            {
                builder.Append('/');
            }

            builder.Append(request.Path);
            var separator = request.Path.IndexOf('?') >= 0 ? '&' : '?';
            foreach (var pair in request.Query)
            {
                builder.Append(separator).Append(Uri.EscapeDataString(pair.Key)).Append('=').Append(Uri.EscapeDataString(pair.Value ?? string.Empty));
                separator = '&';
            }

            return builder.ToString();
        }

        private static HttpClientHandler CreatePrimaryHandler(ProxySelection proxy)
        {
            var handler = new HttpClientHandler
            {
                // A redirect could carry the x-api-key header to another host: surface it as an error instead.
                AllowAutoRedirect = false,
                UseCookies = false,
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            };
            proxy.ApplyTo(handler);
            return handler;
        }
    }
}
