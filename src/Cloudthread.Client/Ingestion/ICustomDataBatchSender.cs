using System;
using System.Threading;
using System.Threading.Tasks;

namespace Cloudthread.Client.Ingestion
{
    /// <summary>
    /// Where an ingestion sends its request bodies: the HTTP transport in production, a fake in unit tests.
    /// Returns the HTTP status of a 2xx answer and the retries it took; throws <see cref="CloudthreadException"/> when the request failed
    /// (after retries) and <see cref="OperationCanceledException"/> when cancelled.
    /// A ValueTask, so that a sender that answers at once (a test's, a benchmark's) costs no Task per request.
    /// </summary>
    internal interface ICustomDataBatchSender
    {
        /// <param name="body">The JSON body (gzip-compressed when <paramref name="gzip"/>).</param>
        /// <param name="gzip">Whether the body is compressed.</param>
        /// <param name="dataStreamToken">The token inside the body, so that it is redacted from logs and errors even when the body is gzipped.</param>
        /// <param name="cancellationToken">Stops the request.</param>
        ValueTask<BatchSendOutcome> SendAsync(ReadOnlyMemory<byte> body, bool gzip, string dataStreamToken, CancellationToken cancellationToken);
    }
}
