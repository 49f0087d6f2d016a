using System.IO.Compression;
using System.Text.Json;

namespace Cloudthread.Emulator.Http;

/// <summary>
/// Reads a request body under a byte limit that also applies after gzip decompression, so neither a large body
/// nor a small "zip bomb" can exhaust memory; then, for a handler that needs it, parses it as JSON.
/// </summary>
internal static class RequestBodyReader
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    /// <summary>The whole body, decompressed; 413 over the limit, 400 for an unknown encoding or broken gzip.</summary>
    public static async Task<RequestBody> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
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

        // Into a pooled buffer (returned when the body is disposed): no copy of the body per request, which at
        // ingest sizes would be a large-object allocation each time.
        try
        {
            return await RequestBody.ReadAsync(new LimitedReadStream(source, maxBytes), decompressor is null ? request.ContentLength : null, cancellationToken)
                .ConfigureAwait(false);
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
    }

    /// <summary>
    /// The body parsed (it must outlive the document, which reads from it), or null when it is empty or blank;
    /// 400 when it is not JSON or holds a string that is not text.
    /// </summary>
    public static JsonDocument? ParseJson(RequestBody body)
    {
        try
        {
            var document = JsonDocument.Parse(body.Utf8, DocumentOptions);
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
        catch (JsonException ex)
        {
            if (!body.SawContent)
            {
                // Empty or whitespace only: no body.
                return null;
            }

            var where = ex.LineNumber is long line ? $" (line {line + 1}, byte {ex.BytePositionInLine + 1})" : string.Empty;
            throw new ApiException(400, ErrorCodes.ValidationFailed, $"The request body is not valid JSON{where}.",
                [new ErrorDetail("body", "must be valid JSON")]);
        }
    }

    internal static ApiException TooLarge(long maxBytes) =>
        new(413, ErrorCodes.PayloadTooLarge, $"The request body is larger than the limit of {maxBytes} bytes; split it into smaller requests.");
}
