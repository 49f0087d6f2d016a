using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text;

namespace Cloudthread.Client.Ingestion
{
    /// <summary>
    /// Reads a CSV file record by record in Import-Csv's dialect made strict: comma-separated, the first record is
    /// the header, RFC 4180 quotes ("" inside a quoted field is a quote), nothing trimmed, records of any length.
    /// A record is one line (CR, LF or CRLF ends it, also inside quotes, so that a quote left open costs only its own
    /// line), empty lines are passed over, and a line whose quoting is broken is skipped and reported. The file is
    /// UTF-8 unless a byte order mark says UTF-16 or UTF-32; it is streamed through one buffer that grows only for a
    /// line longer than it. Not thread-safe.
    /// </summary>
    /// <remarks>
    /// Our own small reader rather than a library's: a module's first send runs in a fresh process, where code
    /// starts unoptimized and stays so while PowerShell keeps compiling; the per-line methods here are compiled
    /// optimized at their first call (<see cref="HotPath.CompileOptimized"/>), which a dependency's code cannot be.
    /// </remarks>
    internal sealed class CsvRecordReader : IDisposable
    {
        private const int BytesPerRead = 16384;

        private readonly Stream _stream;
        private readonly Encoding _encoding;
        private readonly Decoder _decoder;
        private readonly Action<CsvRecordReader>? _onMalformed;
        private readonly byte[] _bytes;
        private char[] _chars;
        private FieldRange[] _fields = new FieldRange[16];
        private int _fieldCount;

        // _chars[_next.._end) is read but not yet split into lines; _scan is where the search for its line break resumes.
        private int _next;
        private int _scan;
        private int _end;
        private bool _endOfInput;
        private bool _lfEndsBreak;

        // The line being parsed: _chars[_lineStart.._lineEnd), without its line break.
        private int _lineStart;
        private int _lineEnd;
        private long _linesRead;
        private long _recordsRead;

        // The bytes of the file before _chars[0] (the byte order mark included), for ByteOffset.
        private long _bytesBeforeBuffer;

        private CsvRecordReader(Stream stream, Action<CsvRecordReader>? onMalformed, int bytesPerRead)
        {
            _stream = stream;
            _onMalformed = onMalformed;
            _bytes = new byte[Math.Max(4, bytesPerRead)];
            var read = ReadAtLeast(_bytes, 4);
            _encoding = EncodingOf(_bytes, read, out var preamble);
            _decoder = _encoding.GetDecoder();

            // Room for what one read decodes to beside a line begun in the previous one: only a longer line grows it.
            _chars = new char[2 * _encoding.GetMaxCharCount(_bytes.Length)];
            _bytesBeforeBuffer = preamble;
            _end = _decoder.GetChars(_bytes, preamble, read - preamble, _chars, 0, _endOfInput);
            Headers = ReadHeader();
        }

        /// <summary>Why a line was skipped; see <see cref="Problem"/>.</summary>
        public enum QuoteProblem
        {
            /// <summary>The record is well-formed.</summary>
            None,

            /// <summary>A quoted field does not end on its line.</summary>
            NotClosedOnItsLine,

            /// <summary>A quote inside an unquoted field, such as ab"c (or a quoted field after a space).</summary>
            StrayQuote,

            /// <summary>Text between a closing quote and the next comma, such as "ab"c.</summary>
            TextAfterClosingQuote,
        }

        /// <summary>The header's names; empty when the file has no record at all.</summary>
        public IReadOnlyList<string> Headers { get; }

        /// <summary>The number of fields of the current record (more or fewer than the header's are not an error here).</summary>
        public int FieldCount => _fieldCount;

        /// <summary>1-based line of the file where the current (or skipped) record is; the header's line is 1 unless empty lines come first.</summary>
        public long LineNumber { get; private set; }

        /// <summary>
        /// 1-based number of the current data record, the skipped ones not counted (so a skipped record has the number
        /// of the record after it, and a skipped header 0).
        /// </summary>
        public long RowNumber { get; private set; }

        /// <summary>Why the record being reported to the malformed-record handler was skipped (None otherwise).</summary>
        public QuoteProblem Problem { get; private set; }

        /// <summary>The current record's line (or the skipped one's, for the malformed-record handler) as it is in the file, without its line break.</summary>
        public string RawRecord => new string(_chars, _lineStart, _lineEnd - _lineStart);

        /// <summary>Where the current record starts, in bytes of the file (a byte order mark included), for progress.</summary>
        public long ByteOffset => _bytesBeforeBuffer + _encoding.GetByteCount(_chars, 0, _lineStart);

        /// <summary>
        /// Opens <paramref name="path"/> and reads its header. <paramref name="onMalformed"/> is called for each line
        /// that is skipped for its quoting, the header's included, with this reader positioned on it
        /// (<see cref="LineNumber"/>, <see cref="RowNumber"/>, <see cref="Problem"/>, <see cref="RawRecord"/>).
        /// </summary>
        public static CsvRecordReader Open(string path, Action<CsvRecordReader>? onMalformed) =>
            Open(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan), onMalformed, BytesPerRead);

        /// <summary>Reads <paramref name="stream"/> (closed when the reader is disposed), <paramref name="bytesPerRead"/> bytes (at least 4) at a time.</summary>
        internal static CsvRecordReader Open(Stream stream, Action<CsvRecordReader>? onMalformed, int bytesPerRead)
        {
            try
            {
                return new CsvRecordReader(stream, onMalformed, bytesPerRead);
            }
            catch
            {
                stream.Dispose();
                throw;
            }
        }

        /// <summary>Moves to the next well-formed record, skipping (and reporting) malformed ones; false at the end of the file.</summary>
        [MethodImpl(HotPath.CompileOptimized)]
        public bool Read()
        {
            while (NextLine())
            {
                if (_lineEnd == _lineStart)
                {
                    continue;
                }

                LineNumber = _linesRead;
                if (SplitLine())
                {
                    RowNumber = ++_recordsRead;
                    return true;
                }

                RowNumber = _recordsRead + 1;
                Skip();
            }

            _fieldCount = 0;
            _lineStart = _lineEnd = _next;
            return false;
        }

        /// <summary>Field <paramref name="index"/> of the current record ("" for an empty one).</summary>
        [MethodImpl(HotPath.CompileOptimized)]
        public string GetString(int index)
        {
            if ((uint)index >= (uint)_fieldCount)
            {
                throw new ArgumentOutOfRangeException(nameof(index));
            }

            var field = _fields[index];
            if (field.Length == 0)
            {
                return string.Empty;
            }

            var text = new string(_chars, field.Start, field.Length);
            return field.HasDoubledQuotes ? text.Replace("\"\"", "\"") : text;
        }

        public void Dispose() => _stream.Dispose();

        private string[] ReadHeader()
        {
            while (NextLine())
            {
                if (_lineEnd == _lineStart)
                {
                    continue;
                }

                LineNumber = _linesRead;
                if (SplitLine())
                {
                    var names = new string[_fieldCount];
                    for (var i = 0; i < names.Length; i++)
                    {
                        names[i] = GetString(i);
                    }

                    return names;
                }

                // A broken header is skipped like any record, and the next line is the header (as CsvHelper, which this
                // reader replaced, did).
                RowNumber = 0;
                Skip();
            }

            return Array.Empty<string>();
        }

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

        /// <summary>
        /// Decodes more of the file after _chars[_end], first moving the line being searched to the buffer's start
        /// (or, when it fills the buffer, doubling the buffer).
        /// </summary>
        private void ReadMore()
        {
            if (_next > 0)
            {
                _bytesBeforeBuffer += _encoding.GetByteCount(_chars, 0, _next);
                Array.Copy(_chars, _next, _chars, 0, _end - _next);
                _end -= _next;
                _scan -= _next;
                _lineStart = _lineEnd = 0;
                _next = 0;
            }

            if (_chars.Length - _end < _encoding.GetMaxCharCount(_bytes.Length))
            {
                var larger = new char[_chars.Length * 2];
                Array.Copy(_chars, larger, _end);
                _chars = larger;
            }

            var read = _stream.Read(_bytes, 0, _bytes.Length);
            _endOfInput = read == 0;
            _end += _decoder.GetChars(_bytes, 0, read, _chars, _end, _endOfInput);
        }

        private int ReadAtLeast(byte[] buffer, int count)
        {
            var total = 0;
            while (total < count)
            {
                var read = _stream.Read(buffer, total, buffer.Length - total);
                if (read == 0)
                {
                    _endOfInput = true;
                    break;
                }

                total += read;
            }

            return total;
        }

        /// <summary>The encoding a byte order mark names (UTF-8 without one), and the mark's length.</summary>
        private static Encoding EncodingOf(byte[] start, int length, out int preamble)
        {
            var b0 = length > 0 ? start[0] : -1;
            var b1 = length > 1 ? start[1] : -1;
            var b2 = length > 2 ? start[2] : -1;
            var b3 = length > 3 ? start[3] : -1;
            if (b0 == 0xEF && b1 == 0xBB && b2 == 0xBF)
            {
                preamble = 3;
                return new UTF8Encoding(false);
            }

            if (b0 == 0xFF && b1 == 0xFE)
            {
                preamble = b2 == 0 && b3 == 0 ? 4 : 2;
                return preamble == 4 ? new UTF32Encoding(false, false) : new UnicodeEncoding(false, false);
            }

            if (b0 == 0xFE && b1 == 0xFF)
            {
                preamble = 2;
                return new UnicodeEncoding(true, false);
            }

            if (b0 == 0 && b1 == 0 && b2 == 0xFE && b3 == 0xFF)
            {
                preamble = 4;
                return new UTF32Encoding(true, false);
            }

            preamble = 0;
            return new UTF8Encoding(false);
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
