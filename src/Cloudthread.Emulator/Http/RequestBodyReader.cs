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

        // Parsed straight from the stream into the document's pooled buffers (returned when it is disposed):
        // no copy of the body per request, which at ingest sizes would be a large-object allocation each time.
        var limited = new LimitedReadStream(source, maxBytes);
        try
        {
            var document = await JsonDocument.ParseAsync(limited, DocumentOptions, cancellationToken).ConfigureAwait(false);
            try
            {
                JsonTextCheck.ThrowIfInvalidText(document.RootElement);
            }
            catch
            {
                document.Dispose();
                throw;
            }

            return document;
        }
        catch (InvalidDataException)
        {
            throw new ApiException(400, ErrorCodes.ValidationFailed, "The request body is not valid gzip data.");
        }
        catch (JsonException ex)
        {
            if (!limited.SawContent)
            {
                // Empty or whitespace only: no body.
                return null;
            }

            var where = ex.LineNumber is long line ? $" (line {line + 1}, byte {ex.BytePositionInLine + 1})" : string.Empty;
            throw new ApiException(400, ErrorCodes.ValidationFailed, $"The request body is not valid JSON{where}.",
                [new ErrorDetail("body", "must be valid JSON")]);
        }
        finally
        {
            if (decompressor is not null)
            {
                await decompressor.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    internal static ApiException TooLarge(long maxBytes) =>
        new(413, ErrorCodes.PayloadTooLarge, $"The request body is larger than the limit of {maxBytes} bytes; split it into smaller requests.");
}
