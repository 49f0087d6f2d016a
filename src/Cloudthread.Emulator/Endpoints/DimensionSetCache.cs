using Cloudthread.Emulator.Model;

namespace Cloudthread.Emulator.Endpoints;

/// <summary>
/// The dimensions of the points of one body, made once per distinct list: most points of a batch repeat a few
/// combinations, and the pairs and their sorted, hashed set are immutable, so points that list the same pairs in
/// the same order share them. Keyed by the pooled strings' ids (<see cref="Http.Utf8StringPool"/>), key then value
/// for each pair. A slot holds the last list that hashed to it. Reused from body to body: <see cref="Clear"/> between bodies.
/// </summary>
internal sealed class DimensionSetCache
{
    private const int SlotBits = 8;

    private const int SlotCount = 1 << SlotBits;

    private readonly Entry?[] _slots = new Entry?[SlotCount];

    public bool TryGet(ReadOnlySpan<int> ids, out KeyValuePair<string, string>[] pairs, out DimensionSet set)
    {
        if (_slots[Slot(ids)] is { } entry && ids.SequenceEqual(entry.Ids))
        {
            pairs = entry.Pairs;
            set = entry.Set;
            return true;
        }

        pairs = [];
        set = DimensionSet.None;
        return false;
    }

    public void Add(ReadOnlySpan<int> ids, KeyValuePair<string, string>[] pairs, DimensionSet set) =>
        _slots[Slot(ids)] = new Entry(ids.ToArray(), pairs, set);

    public void Clear() => Array.Clear(_slots);

    private static int Slot(ReadOnlySpan<int> ids)
    {
        var hash = 0u;
        foreach (var id in ids)
        {
            hash = (hash * 1031) + (uint)id;
        }

        // Fibonacci hashing: the top bits of the product, spread over the slots.
        return (int)((hash * 0x9E3779B9u) >> (32 - SlotBits));
    }

    private sealed record Entry(int[] Ids, KeyValuePair<string, string>[] Pairs, DimensionSet Set);
}
