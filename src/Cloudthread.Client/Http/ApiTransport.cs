using System;
using System.Threading;
using System.Threading.Tasks;

namespace Cloudthread.Client.Http
{
    /// <summary>
    /// The shared HTTP core: one HttpClient per connection, built with Microsoft.Extensions.Http
    /// from the handler chain (API key, retry, logging), proxy and TLS policy, User-Agent.
    /// </summary>
    internal sealed class ApiTransport : IDisposable
    {
        public ApiTransport(CloudthreadClientOptions options) => Options = options ?? throw new ArgumentNullException(nameof(options));

        public CloudthreadClientOptions Options { get; }

        /// <summary>
        /// Sends the request through the handler chain. Returns 2xx answers; throws
        /// <see cref="CloudthreadApiException"/> for anything else (after retries), network failures and
        /// timeouts, and <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> fires.
        /// </summary>
        public Task<ApiResponse> SendAsync(ApiRequest request, CancellationToken cancellationToken) =>
            throw new NotImplementedException("HTTP core: skeleton");

        public void Dispose()
        {
        }
    }
}
