using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Cloudthread.Client.Http
{
    /// <summary>
    /// Puts the connection's API key in the <c>x-api-key</c> header (read at each call from the request's
    /// <see cref="TransportConnection"/>, so a changed key applies at once). Stateless: one per pooled chain.
    /// </summary>
    internal sealed class ApiKeyHandler : DelegatingHandler
    {
        public const string HeaderName = "x-api-key";

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var key = TransportConnection.Of(request).Options.ApiKey;
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
