using System;
using System.Net.Http;

namespace Cloudthread.Client.Http
{
    /// <summary>
    /// What the shared handlers need to know about the connection a request belongs to: its options (API key,
    /// logger, retry options and attempt timeout, all read at each call) and the retry loop's clock and jitter.
    /// The transport attaches it to every request; the handlers, built once per pooled chain and shared by every
    /// connection with the same proxy settings, keep no connection state of their own.
    /// </summary>
    internal sealed class TransportConnection
    {
        private const string Key = "Cloudthread.Connection";

        public TransportConnection(CloudthreadClientOptions options, RetryClock clock, Func<double> random)
        {
            Options = options ?? throw new ArgumentNullException(nameof(options));
            Clock = clock ?? throw new ArgumentNullException(nameof(clock));
            Random = random ?? throw new ArgumentNullException(nameof(random));
        }

        public CloudthreadClientOptions Options { get; }

        public RetryClock Clock { get; }

        public Func<double> Random { get; }

        public void AttachTo(HttpRequestMessage request) => request.Properties[Key] = this;

        /// <summary>The connection of a request the transport sent; anything else is a programming error.</summary>
        public static TransportConnection Of(HttpRequestMessage request) =>
            request.Properties.TryGetValue(Key, out var value) && value is TransportConnection connection
                ? connection
                : throw new InvalidOperationException("The request was not sent by a Cloudthread transport (no connection attached).");
    }
}
