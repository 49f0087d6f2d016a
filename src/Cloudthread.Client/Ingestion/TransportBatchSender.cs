using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Cloudthread.Client.Http;

namespace Cloudthread.Client.Ingestion
{
    /// <summary>Sends ingest bodies as POST /streams/ingest through the shared transport, retried as idempotent (ingest is an upsert).</summary>
    internal sealed class TransportBatchSender : ICustomDataBatchSender
    {
        public const string IngestPath = "/streams/ingest";

        private readonly ApiTransport _transport;

        public TransportBatchSender(ApiTransport transport) => _transport = transport;

        public async ValueTask<BatchSendOutcome> SendAsync(ReadOnlyMemory<byte> body, bool gzip, string dataStreamToken, CancellationToken cancellationToken)
        {
            var request = new ApiRequest(HttpMethod.Post, IngestPath)
            {
                JsonBody = body,
                BodyIsGzip = gzip,
                RetryMode = RetryMode.Idempotent,
            };
            // Declared, not left to be found in the body: a gzip body cannot be searched, and a declared
            // token spares the transport a scan of every plain body.
            request.SecretValues.Add(dataStreamToken);
            request.BodySecretsDeclared = true;

            var response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
            return new BatchSendOutcome(response.StatusCode, response.Attempts, response.RetryReasons);
        }
    }
}
