using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Cloudthread.Client.Http
{
    /// <summary>Puts the connection's API key in the <c>x-api-key</c> header (read at each call, so a changed key applies at once).</summary>
    internal sealed class ApiKeyHandler : DelegatingHandler
    {
        public const string HeaderName = "x-api-key";

        private readonly CloudthreadClientOptions _options;

        public ApiKeyHandler(CloudthreadClientOptions options) => _options = options;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var key = _options.ApiKey;
            if (!string.IsNullOrEmpty(key))
            {
                TransportSettings.ValidateApiKey(key);
                request.Headers.Remove(HeaderName);
                request.Headers.TryAddWithoutValidation(HeaderName, key);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
