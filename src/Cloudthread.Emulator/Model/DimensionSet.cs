namespace Cloudthread.Emulator.Model;

/// <summary>
/// A point's dimensions as an order-independent set: pairs sorted by key (ordinal; a repeated key keeps its last
/// value), compared and hashed pair by pair. Part of every record's key, so it is built for every ingested point
/// without writing JSON; the canonical JSON text (<see cref="Canonical"/>) is made only when asked for.
/// </summary>
internal sealed class DimensionSet : IEquatable<DimensionSet>
{
    private readonly KeyValuePair<string, string>[] _sorted;
    private readonly int _hash;
    private string? _canonical;

    public DimensionSet(IReadOnlyList<KeyValuePair<string, string>> dimensions)
    {
        _sorted = Sort(dimensions);
        var hash = new HashCode();
        foreach (var pair in _sorted)
        {
            hash.Add(pair.Key, StringComparer.Ordinal);
            hash.Add(pair.Value, StringComparer.Ordinal);
        }

        _hash = hash.ToHashCode();
    }

    /// <summary>No dimensions (equal to every other empty set).</summary>
    public static DimensionSet None { get; } = new([]);

    /// <summary>The pairs in key order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Pairs => _sorted;

    /// <summary>Compact JSON object of the sorted pairs (the stored form: <see cref="CustomDataRecord.CanonicalDimensions"/>).</summary>
    public string Canonical => _canonical ??= CustomDataRecord.CanonicalDimensions(_sorted);

    public bool Equals(DimensionSet? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || other._hash != _hash || other._sorted.Length != _sorted.Length)
        {
            return false;
        }

        for (var i = 0; i < _sorted.Length; i++)
        {
            if (!string.Equals(_sorted[i].Key, other._sorted[i].Key, StringComparison.Ordinal) ||
                !string.Equals(_sorted[i].Value, other._sorted[i].Value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as DimensionSet);

    public override int GetHashCode() => _hash;

    /// <summary>Stable insertion sort by key (there are at most a few), then repeated keys collapsed to their last value.</summary>
    private static KeyValuePair<string, string>[] Sort(IReadOnlyList<KeyValuePair<string, string>> dimensions)
    {
        if (dimensions.Count == 0)
        {
            return [];
        }

        var sorted = new KeyValuePair<string, string>[dimensions.Count];
        var count = 0;
        foreach (var item in dimensions)
        {
            var j = count - 1;
            while (j >= 0 && string.CompareOrdinal(sorted[j].Key, item.Key) > 0)
            {
                sorted[j + 1] = sorted[j];
                j--;
            }

            if (j >= 0 && string.Equals(sorted[j].Key, item.Key, StringComparison.Ordinal))
            {
                // The same key again: it replaces the earlier value, in place.
                for (var k = j + 1; k < count; k++)
                {
                    sorted[k] = sorted[k + 1];
                }

                sorted[j] = item;
                continue;
            }

            sorted[j + 1] = item;
            count++;
        }

        return count == sorted.Length ? sorted : sorted[..count];
    }
}
