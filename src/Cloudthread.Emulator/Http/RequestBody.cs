using System.Buffers;

namespace Cloudthread.Emulator.Http;

/// <summary>
/// A request body's bytes (after gzip, without a leading UTF-8 BOM) in a pooled buffer, returned to the pool on
/// <see cref="Dispose"/>. Read exactly as <c>JsonDocument.ParseAsync</c> reads a stream, so a body parsed from
/// here is parsed, and fails, as it did when the document read the stream itself.
/// </summary>
internal sealed class RequestBody : IDisposable
{
    private const int InitialSize = 4096;

    private const int MaxInitialSize = 16 * 1024 * 1024;

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    private byte[]? _buffer;
    private readonly int _length;

    private RequestBody(byte[] buffer, int length, bool sawContent)
    {
        _buffer = buffer;
        _length = length;
        SawContent = sawContent;
    }

    /// <summary>The body, valid until disposed.</summary>
    public ReadOnlyMemory<byte> Utf8 => _buffer is { } buffer ? buffer.AsMemory(0, _length) : throw new ObjectDisposedException(nameof(RequestBody));

    /// <summary>Whether anything but JSON whitespace came through (an empty or blank body is no body).</summary>
    public bool SawContent { get; }

    /// <summary>
    /// Reads <paramref name="source"/> to its end. The reads are the ones <c>JsonDocument.ParseAsync</c> makes (the
    /// first three bytes, then the free part of a buffer that doubles when full): how far a gzip stream gets before
    /// it meets corrupt data, and so whether that or the size limit is reported, depends on them. Only a body of
    /// known length sent as it is starts in a buffer that holds it all, since its reads cannot fail but on size.
    /// </summary>
    public static async Task<RequestBody> ReadAsync(LimitedReadStream source, long? knownLength, CancellationToken cancellationToken)
    {
        // Beyond a first buffer of a size no client needs to exceed, a claimed length is believed only as the bytes come.
        var size = knownLength is > 0 ? (int)Math.Clamp(knownLength.Value + 1, InitialSize, MaxInitialSize) : InitialSize;
        var buffer = ArrayPool<byte>.Shared.Rent(size);
        var written = 0;
        try
        {
            int read;
            do
            {
                read = await source.ReadAsync(buffer.AsMemory(written, Utf8Bom.Length - written), cancellationToken).ConfigureAwait(false);
                written += read;
            }
            while (read > 0 && written < Utf8Bom.Length);

            if (written == Utf8Bom.Length && buffer.AsSpan(0, written).SequenceEqual(Utf8Bom))
            {
                written = 0;
            }

            do
            {
                if (written == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, written).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                read = await source.ReadAsync(buffer.AsMemory(written), cancellationToken).ConfigureAwait(false);
                written += read;
            }
            while (read > 0);

            return new RequestBody(buffer, written, source.SawContent);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    /// <summary>Returns the buffer uncleared: a local emulator's request bodies are not secrets worth the time.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _buffer, null) is { } buffer)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
