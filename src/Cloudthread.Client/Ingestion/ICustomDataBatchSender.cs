using System;
using System.Threading;
using System.Threading.Tasks;

namespace Cloudthread.Client.Ingestion
{
    /// <summary>
    /// Where an ingestion sends its request bodies: the HTTP transport in production, a fake in unit tests.
    /// Returns the HTTP status of a 2xx answer; throws <see cref="CloudthreadException"/> when the request failed
    /// (after retries) and <see cref="OperationCanceledException"/> when cancelled.
    /// </summary>
    internal interface ICustomDataBatchSender
    {
        Task<int> SendAsync(ReadOnlyMemory<byte> body, bool gzip, CancellationToken cancellationToken);
    }
}
