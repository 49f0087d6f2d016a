using System.IO.Compression;
using System.Text.Json;

namespace Cloudthread.Emulator.Http;

/// <summary>
/// Reads a request body as JSON under a byte limit that also applies after gzip decompression,
/// so neither a large body nor a small "zip bomb" can exhaust memory.
/// </summary>
internal static class RequestBodyReader
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    /// <summary>Returns the parsed body, or null when the body is empty.</summary>
    public static async Task<JsonDocument?> ReadJsonAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            throw TooLarge(maxBytes);
        }

        var encoding = request.Headers.ContentEncoding.ToString().Trim();
        Stream source = request.Body;
        Stream? decompressor = null;
        if (encoding.Length > 0 && !encoding.Equals("identity", StringComparison.OrdinalIgnoreCase))
        {
            if (!encoding.Equals("gzip", StringComparison.OrdinalIgnoreCase))
            {
                throw new ApiException(400, ErrorCodes.ValidationFailed, $"Content-Encoding '{encoding}' is not supported; use gzip or none.");
            }

            decompressor = new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true);
            source = decompressor;
        }

        byte[] bytes;
        try
        {
            bytes = await ReadLimitedAsync(source, maxBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException)
        {
            throw new ApiException(400, ErrorCodes.ValidationFailed, "The request body is not valid gzip data.");
        }
        finally
        {
            if (decompressor is not null)
            {
                await decompressor.DisposeAsync().ConfigureAwait(false);
            }
        }

        if (bytes.Length == 0 || IsWhitespace(bytes))
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(bytes, DocumentOptions);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is long line ? $" (line {line + 1}, byte {ex.BytePositionInLine + 1})" : string.Empty;
            throw new ApiException(400, ErrorCodes.ValidationFailed, $"The request body is not valid JSON{where}.",
                [new ErrorDetail("body", "must be valid JSON")]);
        }
    }

    private static async Task<byte[]> ReadLimitedAsync(Stream source, long maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        while (true)
        {
            var read = await source.ReadAsync(chunk, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return buffer.ToArray();
            }

            if (buffer.Length + read > maxBytes)
            {
                throw TooLarge(maxBytes);
            }

            buffer.Write(chunk, 0, read);
        }
    }

    private static bool IsWhitespace(byte[] bytes)
    {
        foreach (var b in bytes)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return false;
            }
        }

        return true;
    }

    private static ApiException TooLarge(long maxBytes) =>
        new(413, ErrorCodes.PayloadTooLarge, $"The request body is larger than the limit of {maxBytes} bytes; split it into smaller requests.");
}
