using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;

namespace Cloudthread.Client.Http
{
    /// <summary>Where the pipeline's log lines go, and how headers, bodies and sizes are shown in them.</summary>
    internal static class PipelineLog
    {
        /// <summary>Detail logs show at most this many characters of a body.</summary>
        public const int MaxBodyChars = 16 * 1024;

        /// <summary>The logger for the current call: the scope's, else the connection's.</summary>
        public static ICloudthreadLogger? Resolve(CloudthreadClientOptions options) => CloudthreadLogScope.Current ?? options.Logger;

        public static bool IsEnabled(ICloudthreadLogger? logger, CloudthreadLogLevel level) => logger != null && logger.IsEnabled(level);

        /// <summary>Writes one line after redaction. Nothing reaches a logger unredacted.</summary>
        public static void Write(ICloudthreadLogger logger, CloudthreadLogLevel level, string message, IEnumerable<string> secrets) =>
            logger.Log(level, SecretRedactor.Redact(message, secrets));

        public static string FormatBytes(long bytes)
        {
            if (bytes < 1024)
            {
                return bytes.ToString(CultureInfo.InvariantCulture) + " B";
            }

            return bytes < 1024 * 1024
                ? (bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " KB"
                : (bytes / (1024.0 * 1024.0)).ToString("0.0", CultureInfo.InvariantCulture) + " MB";
        }

        public static void AppendHeaders(StringBuilder builder, HttpHeaders headers)
        {
            foreach (var header in headers)
            {
                builder.Append("  ").Append(header.Key).Append(": ")
                    .Append(SecretRedactor.IsSecretHeader(header.Key) ? SecretRedactor.Mask : string.Join(IsProductList(header.Key) ? " " : ", ", header.Value))
                    .Append('\n');
            }
        }

        /// <summary>User-Agent and Server hold space-separated products, not comma-separated values.</summary>
        private static bool IsProductList(string name) =>
            string.Equals(name, "User-Agent", StringComparison.OrdinalIgnoreCase) || string.Equals(name, "Server", StringComparison.OrdinalIgnoreCase);

        /// <summary>A body as text for a Detail log: gunzipped when needed, decoded as UTF-8, truncated.</summary>
        public static string DescribeBody(ReadOnlyMemory<byte> body, bool isGzip)
        {
            if (body.Length == 0)
            {
                return "(empty body)";
            }

            // A plain body is shown from its start only; a gzip one must be read from its start anyway.
            var bytes = (isGzip ? body : body.Slice(0, Math.Min(body.Length, MaxBodyChars * 4))).ToArray();
            var prefix = string.Empty;
            if (isGzip)
            {
                try
                {
                    using (var input = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress))
                    using (var output = new MemoryStream())
                    {
                        // Enough to show MaxBodyChars; the rest is not needed for a log line.
                        var buffer = new byte[81920];
                        int read;
                        while (output.Length < MaxBodyChars * 4 && (read = input.Read(buffer, 0, buffer.Length)) > 0)
                        {
                            output.Write(buffer, 0, read);
                        }

                        prefix = "(gzip, " + FormatBytes(bytes.Length) + " compressed) ";
                        bytes = output.ToArray();
                    }
                }
                catch (InvalidDataException)
                {
                    return "(gzip body, " + FormatBytes(bytes.Length) + ", not decodable)";
                }
            }

            var text = Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, MaxBodyChars * 4));
            if (text.Length > MaxBodyChars)
            {
                text = text.Substring(0, MaxBodyChars) + "... (truncated)";
            }

            return prefix + text;
        }

        public static ReadOnlyMemory<byte> BodyOf(HttpContent? content) =>
            content is BufferedContent buffered ? buffered.Bytes : ReadOnlyMemory<byte>.Empty;

        public static bool IsGzip(HttpContent? content)
        {
            if (content == null)
            {
                return false;
            }

            foreach (var encoding in content.Headers.ContentEncoding)
            {
                if (string.Equals(encoding, "gzip", StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
