using System.Text;

namespace Cloudthread.Emulator.Http;

/// <summary>
/// One string per distinct UTF-8 value while a body is read: the metric names, dimension keys and values of a
/// batch repeat from point to point, and each is decoded (and checked as a name) once instead of once per point.
/// A value is kept only while the table has room and the value is short; any other is simply decoded. Reused from
/// body to body on one thread: <see cref="Clear"/> between bodies.
/// </summary>
internal sealed class Utf8StringPool
{
    private const int SlotCount = 1024;
    private const int MaxEntries = SlotCount / 2;
    private const int MaxLength = 256;

    private readonly Entry[] _slots = new Entry[SlotCount];
    private readonly byte[] _bytes = new byte[64 * 1024];
    private int _entries;
    private int _bytesUsed;

    /// <summary>The string of <paramref name="utf8"/> (valid UTF-8, no JSON escapes), pooled when it can be.</summary>
    public PooledString Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxLength)
        {
            return PooledString.Unpooled(Encoding.UTF8.GetString(utf8));
        }

        var hash = new HashCode();
        hash.AddBytes(utf8);
        var code = hash.ToHashCode();
        var slot = code & (SlotCount - 1);
        while (_slots[slot].Text is { } text)
        {
            ref readonly var entry = ref _slots[slot];
            if (entry.Hash == code && _bytes.AsSpan(entry.Start, entry.Length).SequenceEqual(utf8))
            {
                return new PooledString(text, slot, entry.IsBlank, entry.HasControlCharacter);
            }

            slot = (slot + 1) & (SlotCount - 1);
        }

        var value = PooledString.Unpooled(Encoding.UTF8.GetString(utf8));
        if (_entries == MaxEntries || _bytesUsed + utf8.Length > _bytes.Length)
        {
            return value;
        }

        utf8.CopyTo(_bytes.AsSpan(_bytesUsed));
        _slots[slot] = new Entry(value.Text, code, _bytesUsed, utf8.Length, value.IsBlank, value.HasControlCharacter);
        _bytesUsed += utf8.Length;
        _entries++;
        return value with { Id = slot };
    }

    public void Clear()
    {
        if (_entries > 0)
        {
            Array.Clear(_slots);
            _entries = 0;
            _bytesUsed = 0;
        }
    }

    private readonly record struct Entry(string Text, int Hash, int Start, int Length, bool IsBlank, bool HasControlCharacter);
}

/// <summary>A string read from a body, what the name checks say of it, and its pool id: equal ids, equal strings (-1: not pooled).</summary>
internal readonly record struct PooledString(string Text, int Id, bool IsBlank, bool HasControlCharacter)
{
    /// <summary>A usable id or name: not blank, no control character (what <see cref="Validation"/> requires of one).</summary>
    public bool IsName => !IsBlank && !HasControlCharacter;

    public static PooledString Unpooled(string text) =>
        new(text, -1, string.IsNullOrWhiteSpace(text), Validation.IndexOfControlCharacter(text) >= 0);
}
