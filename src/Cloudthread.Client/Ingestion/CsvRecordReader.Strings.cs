using System;
using System.Runtime.CompilerServices;

namespace Cloudthread.Client.Ingestion
{
    /// <summary>
    /// Field text that repeats comes back as the same string: in a cost file most columns hold a few values (metric names,
    /// regions, teams, the hour), and a string per field per row is most of what a large send allocates.
    /// </summary>
    internal sealed partial class CsvRecordReader
    {
        // Per column, a tiny table of the strings seen last: 16 slots, one string each, chosen by a hash of the text's
        // length and three of its characters. A miss costs a hash and one comparison, and replaces the slot.
        private const int SlotsPerColumn = 16;
        private const int MaxReusedLength = 64;

        private string?[] _recentStrings = new string?[16 * SlotsPerColumn];

        [MethodImpl(HotPath.CompileOptimized)]
        private string TextOf(int index, int start, int length)
        {
            if (length > MaxReusedLength)
            {
                return new string(_chars, start, length);
            }

            if ((index + 1) * SlotsPerColumn > _recentStrings.Length)
            {
                Array.Resize(ref _recentStrings, Math.Max(_recentStrings.Length * 2, (index + 1) * SlotsPerColumn));
            }

            var text = new ReadOnlySpan<char>(_chars, start, length);
            var hash = (((((length * 31) + text[0]) * 31) + text[length >> 1]) * 31) + text[length - 1];
            var slot = (index * SlotsPerColumn) + (hash & (SlotsPerColumn - 1));
            var recent = _recentStrings[slot];
            if (recent != null && recent.Length == length && text.SequenceEqual(recent.AsSpan()))
            {
                return recent;
            }

            var created = new string(_chars, start, length);
            _recentStrings[slot] = created;
            return created;
        }
    }
}
