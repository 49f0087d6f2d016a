using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Cloudthread.Client.Http
{
    /// <summary>
    /// The shared HTTP core of one connection. Requests go through the process-wide <see cref="HttpClientPool"/>
    /// (Microsoft.Extensions.Http: handler chain outermost first API key, logging, retry; proxy and TLS policy in
    /// the pooled primary handler; User-Agent), under the named client for this connection's proxy settings.
    /// The base URI is checked and fixed at construction (HTTPS, or plain HTTP to loopback only); the API
    /// key, retry options, timeout and logger are read at each call. Cheap to create: a one-call -ApiKey
    /// builds no handlers and no service provider.
    /// </summary>
    internal sealed class ApiTransport : IDisposable
    {
        private readonly HttpClientPool _pool;
        private readonly string _clientName;
        private readonly TransportConnection _connection;
        private readonly string _basePath;
        private int _disposed;

        public ApiTransport(CloudthreadClientOptions options)
            : this(options, RetryClock.Real, RetryRandom.Default)
        {
        }

        /// <summary>For tests: a clock that records waits, and a fixed jitter.</summary>
        internal ApiTransport(CloudthreadClientOptions options, RetryClock clock, Func<double> random)
            : this(options, clock, random, HttpClientPool.Shared)
        {
        }

        /// <summary>For tests: a pool of their own (say, with a short handler lifetime).</summary>
        internal ApiTransport(CloudthreadClientOptions options, RetryClock clock, Func<double> random, HttpClientPool pool)
        {
            Options = options ?? throw new ArgumentNullException(nameof(options));
            TransportSettings.Validate(options);
            BaseUri = options.BaseUri;
            _basePath = BaseUri.GetLeftPart(UriPartial.Path).TrimEnd('/');
            _pool = pool ?? throw new ArgumentNullException(nameof(pool));
            // The proxy is fixed here, like the base URI; it picks the pooled handler chain.
            _clientName = pool.NameFor(options.Proxy);
            _connection = new TransportConnection(options, clock, random);
        }

        /// <summary>The named client of the pool this transport sends through (for tests and diagnostics; no secrets).</summary>
        internal string ClientName => _clientName;

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
                _connection.AttachTo(message);

                HttpResponseMessage response;
                try
                {
                    // A client per request, as the factory means it, so the pooled handlers can be rotated
                    // underneath; it owns no handler and needs no disposing.
                    response = await _pool.CreateClient(_clientName).SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
                }
                catch (TransportFailureException failure)
                {
                    throw ApiErrorFactory.FromFailure(
                        method, displayPath, failure, secrets, RequestProperties.GetRetryReasons(message), RequestProperties.GetMayHaveBeenProcessed(message));
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
                        secrets,
                        RequestProperties.GetRetryReasons(message),
                        mayHaveBeenProcessed: true);
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
                        return new ApiResponse(status, body, contentType, HeadersOf(response))
                        {
                            Attempts = RequestProperties.GetAttempts(message),
                            RetryReasons = ApiErrorFactory.Redacted(RequestProperties.GetRetryReasons(message), secrets),
                        };
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
                        secrets,
                        RequestProperties.GetRetryReasons(message),
                        RequestProperties.GetMayHaveBeenProcessed(message));
                }
            }
        }

        public void Dispose()
        {
            // The pooled handlers belong to the process-wide pool, not to this connection.
            Interlocked.Exchange(ref _disposed, 1);
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
    }
}
