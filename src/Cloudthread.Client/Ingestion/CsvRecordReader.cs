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
    internal sealed partial class CsvRecordReader : IDisposable
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

            return field.HasDoubledQuotes
                ? new string(_chars, field.Start, field.Length).Replace("\"\"", "\"")
                : TextOf(index, field.Start, field.Length);
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
    }
}
