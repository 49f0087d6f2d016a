using System;
using System.Text;

namespace Cloudthread.Client.Ingestion
{
    /// <summary>Decoding the file into the char buffer: more of it as a line needs, in the encoding its byte order mark names.</summary>
    internal sealed partial class CsvRecordReader
    {
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
    }
}
