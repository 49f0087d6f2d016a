using System;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Cloudthread.Client.Json;

namespace Cloudthread.Client
{
    /// <summary>
    /// Plain .NET values as JSON text, e.g. a request body for <see cref="CloudthreadClient.SendAsync(string, string, System.Collections.Generic.IReadOnlyDictionary{string, string}, string, System.Threading.CancellationToken)"/>.
    /// Accepted: null, string, char, bool, every integral and floating type, decimal, BigInteger, DateTime and DateTimeOffset
    /// (ISO 8601, "o"), TimeSpan ("c"), Guid, enums (by name), Uri; dictionaries as objects (keys as invariant text,
    /// in the dictionary's order); other enumerables (not strings) as arrays.
    /// </summary>
    public static class CloudthreadJson
    {
        /// <summary>Objects and arrays nested deeper than this are refused (in practice: a cycle).</summary>
        public const int MaxDepth = JsonTreeWriter.MaxDepth;

        // The text goes to an API, not into HTML: escape only what JSON requires, so "+", "<" or "é" stay readable.
        private static readonly JsonWriterOptions WriterOptions = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        /// <summary>The JSON text of <paramref name="value"/>; errors are reported under the path "value".</summary>
        /// <exception cref="CloudthreadValidationException">NaN or Infinity, nesting deeper than <see cref="MaxDepth"/>, or a type JSON cannot express.</exception>
        public static string Serialize(object? value) => Serialize(value, "value", null);

        /// <summary>
        /// The JSON text of <paramref name="value"/>. <paramref name="rootName"/> starts the path in errors
        /// (<c>body.items[2].value: NaN is not valid JSON</c>). <paramref name="convertUnknown"/>, when given, is
        /// called for a value of a type not listed above (a host's wrapper object) and returns what to write
        /// instead; returning the same object refuses it.
        /// </summary>
        /// <exception cref="CloudthreadValidationException">NaN or Infinity, nesting deeper than <see cref="MaxDepth"/>, or a type JSON cannot express.</exception>
        public static string Serialize(object? value, string rootName, Func<object, object?>? convertUnknown)
        {
            if (rootName is null)
            {
                throw new ArgumentNullException(nameof(rootName));
            }

            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream, WriterOptions))
            {
                JsonTree.Write(writer, value, rootName, convertUnknown);
            }

            return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
        }
    }
}
