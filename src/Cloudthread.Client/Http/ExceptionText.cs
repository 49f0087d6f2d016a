using System;
using System.Collections.Generic;

namespace Cloudthread.Client.Http
{
    /// <summary>One line out of an exception chain, skipping the generic wrappers ("An error occurred while sending the request.").</summary>
    internal static class ExceptionText
    {
        private static readonly char[] LineBreaks = { '\r', '\n' };

        public static string Describe(Exception exception)
        {
            var parts = new List<string>();
            for (var current = exception; current != null && parts.Count < 3; current = current.InnerException)
            {
                var message = FirstLine(current.Message);
                if (message.Length == 0 || message.StartsWith("An error occurred while sending the request", StringComparison.Ordinal))
                {
                    continue;
                }

                if (!parts.Exists(existing => existing.IndexOf(message, StringComparison.Ordinal) >= 0))
                {
                    parts.Add(message);
                }
            }

            return parts.Count == 0 ? exception.GetType().Name : string.Join(": ", parts);
        }

        private static string FirstLine(string? text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return string.Empty;
            }

            var end = text!.IndexOfAny(LineBreaks);
            return (end < 0 ? text : text.Substring(0, end)).Trim();
        }
    }
}
