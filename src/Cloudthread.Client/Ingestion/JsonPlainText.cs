using System.Runtime.CompilerServices;

namespace Cloudthread.Client.Ingestion
{
    /// <summary>
    /// The characters that Utf8JsonWriter, with its default encoder, writes into a JSON string as they are: printable
    /// ASCII but the quote, the backslash, and the characters it escapes for HTML (&amp; ' + &lt; &gt; `). Text made only of
    /// these can be copied byte for byte, and reads as the writer would have written it.
    /// </summary>
    internal static class JsonPlainText
    {
        // One bit per character code: 0 to 63, then 64 to 127. Constants, not a table: the hot path reads no static field.
        private const ulong Plain0To63 = 0xAFFF_F73B_0000_0000;   // 0x20-0x3F but " & ' + < >
        private const ulong Plain64To127 = 0x7FFF_FFFE_EFFF_FFFF; // 0x40-0x7E but \ `

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool IsPlain(char c) => c < 64 ? ((Plain0To63 >> c) & 1) != 0 : c < 128 && ((Plain64To127 >> (c - 64)) & 1) != 0;
    }
}
