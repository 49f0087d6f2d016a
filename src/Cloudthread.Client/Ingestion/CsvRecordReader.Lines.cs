using System;
using System.Runtime.CompilerServices;

namespace Cloudthread.Client.Ingestion
{
    /// <summary>Finding a record's line in the buffer and splitting it into fields.</summary>
    internal sealed partial class CsvRecordReader
    {
        private void Skip()
        {
            _fieldCount = 0;
            _onMalformed?.Invoke(this);
            Problem = QuoteProblem.None;
        }

        /// <summary>Finds the next line (_lineStart, _lineEnd), reading more of the file as needed; false at its end.</summary>
        [MethodImpl(HotPath.CompileOptimized)]
        private bool NextLine()
        {
            while (true)
            {
                if (_lfEndsBreak)
                {
                    // The last line ended with CR: an LF right after it belongs to the same line break.
                    if (_next == _end && !_endOfInput)
                    {
                        ReadMore();
                        continue;
                    }

                    _lfEndsBreak = false;
                    if (_next < _end && _chars[_next] == '\n')
                    {
                        _next++;
                        _scan = _next;
                    }
                }

                var found = _chars.AsSpan(_scan, _end - _scan).IndexOfAny('\r', '\n');
                if (found >= 0)
                {
                    _lineStart = _next;
                    _lineEnd = _scan + found;
                    _lfEndsBreak = _chars[_lineEnd] == '\r';
                    _next = _scan = _lineEnd + 1;
                    _linesRead++;
                    return true;
                }

                if (_endOfInput)
                {
                    if (_next == _end)
                    {
                        return false;
                    }

                    _lineStart = _next;
                    _lineEnd = _next = _scan = _end;
                    _linesRead++;
                    return true;
                }

                _scan = _end;
                ReadMore();
            }
        }

        /// <summary>
        /// Splits the line into fields; false (with <see cref="Problem"/>) when its quoting is broken: the first
        /// problem from the left is the one reported.
        /// </summary>
        [MethodImpl(HotPath.CompileOptimized)]
        private bool SplitLine()
        {
            _fieldCount = 0;
            var chars = _chars;
            var position = _lineStart;
            var end = _lineEnd;
            while (true)
            {
                int fieldEnd;
                if (position < end && chars[position] == '"')
                {
                    var start = position + 1;
                    var doubled = false;
                    while (true)
                    {
                        var quote = chars.AsSpan(position + 1, end - position - 1).IndexOf('"');
                        if (quote < 0)
                        {
                            Problem = QuoteProblem.NotClosedOnItsLine;
                            return false;
                        }

                        position += quote + 1;
                        if (position + 1 < end && chars[position + 1] == '"')
                        {
                            doubled = true;
                            position++;
                            continue;
                        }

                        break;
                    }

                    AddField(start, position - start, doubled);
                    fieldEnd = position + 1;
                    if (fieldEnd < end && chars[fieldEnd] != ',')
                    {
                        Problem = QuoteProblem.TextAfterClosingQuote;
                        return false;
                    }
                }
                else
                {
                    var stop = chars.AsSpan(position, end - position).IndexOfAny(',', '"');
                    fieldEnd = stop < 0 ? end : position + stop;
                    if (fieldEnd < end && chars[fieldEnd] == '"')
                    {
                        Problem = QuoteProblem.StrayQuote;
                        return false;
                    }

                    AddField(position, fieldEnd - position, false);
                }

                if (fieldEnd >= end)
                {
                    return true;
                }

                position = fieldEnd + 1;
            }
        }

        [MethodImpl(HotPath.CompileOptimized)]
        private void AddField(int start, int length, bool hasDoubledQuotes)
        {
            if (_fieldCount == _fields.Length)
            {
                var larger = new FieldRange[_fields.Length * 2];
                Array.Copy(_fields, larger, _fieldCount);
                _fields = larger;
            }

            _fields[_fieldCount++] = new FieldRange(start, length, hasDoubledQuotes);
        }

        /// <summary>Where a field's text is in the buffer (inside its quotes), and whether it has "" to turn into ".</summary>
        private readonly struct FieldRange
        {
            public FieldRange(int start, int length, bool hasDoubledQuotes)
            {
                Start = start;
                Length = length;
                HasDoubledQuotes = hasDoubledQuotes;
            }

            public int Start { get; }

            public int Length { get; }

            public bool HasDoubledQuotes { get; }
        }
    }
}
