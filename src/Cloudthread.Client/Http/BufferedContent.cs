using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Threading.Tasks;

namespace Cloudthread.Client.Http
{
    /// <summary>
    /// A request body over bytes the caller already holds. Cheap to clone, so every retry sends a fresh
    /// content object over the same bytes without copying them.
    /// </summary>
    internal sealed class BufferedContent : HttpContent
    {
        private static readonly MediaTypeHeaderValue JsonUtf8 = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };

        private readonly ReadOnlyMemory<byte> _bytes;

        public BufferedContent(ReadOnlyMemory<byte> bytes) => _bytes = bytes;

        public ReadOnlyMemory<byte> Bytes => _bytes;

        public static BufferedContent Json(ReadOnlyMemory<byte> utf8Json, bool isGzip)
        {
            var content = new BufferedContent(utf8Json);
            content.Headers.ContentType = new MediaTypeHeaderValue(JsonUtf8.MediaType) { CharSet = JsonUtf8.CharSet };
            if (isGzip)
            {
                content.Headers.ContentEncoding.Add("gzip");
            }

            return content;
        }

        /// <summary>A new content object over the same bytes, with the same content headers.</summary>
        public BufferedContent Clone()
        {
            var clone = new BufferedContent(_bytes);
            foreach (var header in Headers)
            {
                clone.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            return clone;
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            if (MemoryMarshal.TryGetArray(_bytes, out var segment) && segment.Array != null)
            {
                return stream.WriteAsync(segment.Array, segment.Offset, segment.Count);
            }

            var copy = _bytes.ToArray();
            return stream.WriteAsync(copy, 0, copy.Length);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _bytes.Length;
            return true;
        }
    }
}
