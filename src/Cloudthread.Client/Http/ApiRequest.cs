using System;
using System.Collections.Generic;
using System.Net.Http;

namespace Cloudthread.Client.Http
{
    /// <summary>When a failed attempt may be sent again.</summary>
    internal enum RetryMode
    {
        /// <summary>Safe to repeat (GET, upserts such as ingest): retry every retryable failure.</summary>
        Idempotent,
        /// <summary>Not idempotent (events POST): retry only when the server cannot have processed it (connection refused, 429, 503).</summary>
        OnlyIfNotProcessed,
        /// <summary>Never retry.</summary>
        None,
    }

    /// <summary>One API call as the typed client describes it to the transport.</summary>
    internal sealed class ApiRequest
    {
        public ApiRequest(HttpMethod method, string path)
        {
            Method = method;
            Path = path;
        }

        public HttpMethod Method { get; }

        /// <summary>
        /// The retry mode a request of this method gets when nothing more is known (the generic request):
        /// GET, HEAD, OPTIONS, PUT and DELETE are idempotent; POST, PATCH and anything else are retried only
        /// when the server cannot have processed them.
        /// </summary>
        public static RetryMode DefaultRetryModeFor(HttpMethod method)
        {
            switch ((method ?? throw new ArgumentNullException(nameof(method))).Method.ToUpperInvariant())
            {
                case "GET":
                case "HEAD":
                case "OPTIONS":
                case "PUT":
                case "DELETE":
                    return RetryMode.Idempotent;
                default:
                    return RetryMode.OnlyIfNotProcessed;
            }
        }

        /// <summary>Path relative to the base URI, starting with '/', already escaped (e.g. <c>/teams/a%2Fb/members</c>).</summary>
        public string Path { get; }

        public IList<KeyValuePair<string, string>> Query { get; } = new List<KeyValuePair<string, string>>();

        /// <summary>UTF-8 JSON body, or null. Buffered so that retries can resend it.</summary>
        public ReadOnlyMemory<byte>? JsonBody { get; set; }

        /// <summary>Set when <see cref="JsonBody"/> is already gzip-compressed (Content-Encoding: gzip).</summary>
        public bool BodyIsGzip { get; set; }

        public RetryMode RetryMode { get; set; } = RetryMode.Idempotent;

        /// <summary>Extra request headers (the generic request's -Headers); never the API key, which the client adds.</summary>
        public IList<KeyValuePair<string, string>> Headers { get; } = new List<KeyValuePair<string, string>>();

        /// <summary>
        /// Return a non-2xx answer (after the retries) instead of throwing it (-SkipHttpErrorCheck). Network failures
        /// and timeouts still throw: there is no answer to return.
        /// </summary>
        public bool ReturnErrorResponses { get; set; }

        /// <summary>
        /// Values redacted from every log line and error of this request, besides the API key. Tokens in a plain
        /// JSON body (<c>data_stream_token</c>, <c>custom_stream_tokens</c>) are found automatically; a caller
        /// sending a gzip body adds its tokens here.
        /// </summary>
        public IList<string> SecretValues { get; } = new List<string>();

        /// <summary>
        /// Set when <see cref="SecretValues"/> already holds every token the body carries, so the body need not be
        /// searched for them: otherwise every ingest body, the largest the client sends, is scanned again for its tokens.
        /// </summary>
        public bool BodySecretsDeclared { get; set; }
    }

    /// <summary>
    /// A successful (2xx) answer. Non-2xx answers surface as <see cref="CloudthreadApiException"/>, unless the request
    /// asked for them (<see cref="ApiRequest.ReturnErrorResponses"/>).
    /// </summary>
    internal sealed class ApiResponse
    {
        private static readonly IReadOnlyDictionary<string, string[]> NoHeaders = new Dictionary<string, string[]>();

        public ApiResponse(int statusCode, byte[] body, string? contentType, IReadOnlyDictionary<string, string[]>? headers = null)
        {
            StatusCode = statusCode;
            Body = body;
            ContentType = contentType;
            Headers = headers ?? NoHeaders;
        }

        public int StatusCode { get; }
        public byte[] Body { get; }
        public string? ContentType { get; }

        /// <summary>Attempts made (1 when the first one succeeded).</summary>
        public int Attempts { get; set; } = 1;

        /// <summary>Why each retry was made (redacted), in order.</summary>
        public IReadOnlyList<string> RetryReasons { get; set; } = Array.Empty<string>();

        /// <summary>Response and content headers, by case-insensitive name.</summary>
        public IReadOnlyDictionary<string, string[]> Headers { get; }
    }
}
