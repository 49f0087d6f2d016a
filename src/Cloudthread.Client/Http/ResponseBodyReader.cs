using System;
using System.Buffers;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Cloudthread.Client.Http
{
    /// <summary>
    /// Reads an answer's body with a bound, so that a broken or hostile server (a gzip bomb, an endless stream,
    /// a huge error page) cannot exhaust memory: a success body up to the connection's
    /// <see cref="CloudthreadClientOptions.MaxResponseBytes"/> (else Kind=ResponseTooLarge), an error body only
    /// as far as a message needs (the rest is dropped with the connection). Bytes are counted after decompression.
    /// </summary>
    internal static class ResponseBodyReader
    {
        /// <summary>An error message shows a few hundred characters and a few details: 64 KiB is plenty.</summary>
        public const int MaxErrorBodyBytes = 64 * 1024;

        private const int ChunkBytes = 81920;

        /// <summary>
        /// The body of <paramref name="response"/>, at most <paramref name="limit"/> bytes. When it is longer:
        /// truncated when <paramref name="truncate"/> (error bodies), else <see cref="TransportFailureException"/>
        /// of Kind ResponseTooLarge. Either way the content is disposed at once, which drops the connection
        /// instead of reading (or decompressing) the rest.
        /// </summary>
        public static async Task<byte[]> ReadAsync(HttpResponseMessage response, long limit, bool truncate, int attempt, CancellationToken cancellationToken)
        {
            var content = response.Content;
            if (content == null)
            {
                return Array.Empty<byte>();
            }

            var declared = content.Headers.ContentLength;
            if (!truncate && declared > limit)
            {
                content.Dispose();
                throw TooLarge(limit, declared, attempt);
            }

            var capacity = (int)Math.Min(Math.Min(limit, declared ?? ChunkBytes), int.MaxValue - 1);
            // The read buffer is pooled: an ingest send reads a hundred small answers, and a fresh 80 KB array for each
            // was most of what the send allocated besides the points.
            var chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
            try
            {
                using var buffer = new MemoryStream(Math.Max(capacity, 0));
                var stream = await content.ReadAsStreamAsync().ConfigureAwait(false);
                while (true)
                {
                    var read = await stream.ReadAsync(chunk, 0, chunk.Length, cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        return buffer.ToArray();
                    }

                    var room = limit - buffer.Length;
                    if (read > room)
                    {
                        content.Dispose();
                        if (!truncate)
                        {
                            throw TooLarge(limit, null, attempt);
                        }

                        buffer.Write(chunk, 0, (int)room);
                        return buffer.ToArray();
                    }

                    buffer.Write(chunk, 0, read);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(chunk);
            }
        }

        private static TransportFailureException TooLarge(long limit, long? declared, int attempt) =>
            new TransportFailureException(
                CloudthreadErrorKind.ResponseTooLarge,
                "the answer is larger than the limit of " + PipelineLog.FormatBytes(limit) + " (MaxResponseBytes)"
                + (declared is long length ? " (Content-Length " + PipelineLog.FormatBytes(length) + ")" : string.Empty)
                + "; it was not read further",
                attempt,
                null,
                null);
    }
}
