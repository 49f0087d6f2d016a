using System;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace Cloudthread.Client
{
    /// <summary>
    /// The one rule for turning a loose value (a dimension, a tag, a team field, a header, a query value) into the text
    /// that is sent: the same value gives the same text whichever cmdlet or file it came through, and it matches what
    /// the client writes in JSON. The culture of the machine never shows.
    /// </summary>
    public static class CloudthreadText
    {
        /// <summary>
        /// A value as text: null is empty; a string is itself; true and false are lower-case (as in JSON); a date and
        /// time is ISO 8601 round-trip (<c>2031-01-02T00:00:00.0000000Z</c>, as <see cref="CloudthreadJson"/> writes it);
        /// an enum is its name; numbers and anything else formattable are invariant-culture.
        /// </summary>
        /// <remarks>A host's wrapper object (a PowerShell PSObject) must be unwrapped by the caller: the client knows no host.</remarks>
        [MethodImpl(HotPath.CompileOptimized)]
        public static string Of(object? value) => value switch
        {
            null => string.Empty,
            string text => text,
            bool flag => flag ? "true" : "false",
            DateTime time => time.ToString("o", CultureInfo.InvariantCulture),
            DateTimeOffset time => time.ToString("o", CultureInfo.InvariantCulture),
            Enum name => name.ToString(),
            Uri uri => uri.OriginalString,
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? string.Empty,
        };
    }
}
