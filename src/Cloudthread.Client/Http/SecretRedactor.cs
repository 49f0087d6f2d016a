using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace Cloudthread.Client.Http
{
    /// <summary>
    /// The one place that decides what is secret. Every log line and every error message the HTTP core
    /// produces goes through it: header values of credential headers, the JSON fields
    /// <c>data_stream_token</c> and <c>custom_stream_tokens</c>, query-string values whose key names a
    /// token, secret, password or credential key (api_key, access_key, key; not catalog_key, a tag name), and any literal occurrence of a known secret (the API key, the
    /// tokens found in the request body).
    /// </summary>
    internal static class SecretRedactor
    {
        public const string Mask = "***";

        private static readonly HashSet<string> SecretHeaders = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "x-api-key", "Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie",
        };

        // "data_stream_token": "..."  (value: a JSON string with escapes)
        private static readonly Regex TokenField = new Regex(
            "(\"data_stream_token\"\\s*:\\s*\")(?:[^\"\\\\]|\\\\.)*(\"?)",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

        // "custom_stream_tokens": [ ... ]  (up to the closing bracket, or the end of a truncated text)
        private static readonly Regex TokenArray = new Regex(
            "(\"custom_stream_tokens\"\\s*:\\s*\\[)((?:\"(?:[^\"\\\\]|\\\\.)*\"?|[^\\]\"])*)",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

        private static readonly Regex JsonString = new Regex(
            "\"(?:[^\"\\\\]|\\\\.)*\"?", RegexOptions.CultureInvariant | RegexOptions.Compiled);

        // ?api_key=...  &token=...  (a name containing token/secret/password or a credential key, or just "key").
        // The value runs to the next separator, or to a colon that ends it ("...?token=x: 503" in a log line):
        // a colon inside a value ("a:b") stays masked.
        private static readonly Regex SecretQueryValue = new Regex(
            "([?&;](?:[^=&?#\\s\"']*(?:token|secret|password|passwd|api[-_]?key|access[-_]?key|private[-_]?key)[^=&?#\\s\"']*|key)=)(?:[^&#\\s\"':]|:(?!\\s|$))*",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

        public static bool IsSecretHeader(string name) => SecretHeaders.Contains(name);

        public static string RedactHeaderValue(string name, string value) => IsSecretHeader(name) ? Mask : value;

        /// <summary>Redacts every rule that applies to free text (log lines, server messages, exception messages).</summary>
        public static string Redact(string? text, IEnumerable<string>? knownSecrets = null)
        {
            if (string.IsNullOrEmpty(text))
            {
                return text ?? string.Empty;
            }

            var result = text!;
            if (knownSecrets != null)
            {
                foreach (var secret in knownSecrets)
                {
                    if (!string.IsNullOrEmpty(secret))
                    {
                        result = ReplaceOrdinal(result, secret, Mask);
                    }
                }
            }

            if (result.IndexOf("data_stream_token", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                result = TokenField.Replace(result, m => m.Groups[1].Value + Mask + (m.Groups[2].Value.Length > 0 ? "\"" : string.Empty));
            }

            if (result.IndexOf("custom_stream_tokens", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                result = TokenArray.Replace(result, m => m.Groups[1].Value + JsonString.Replace(m.Groups[2].Value, "\"" + Mask + "\""));
            }

            if (result.IndexOf('=') >= 0)
            {
                result = SecretQueryValue.Replace(result, m => m.Groups[1].Value + Mask);
            }

            return result;
        }

        /// <summary>Redacts a path with an optional query string (<c>/x?api_key=abc&amp;catalog_key=env</c> becomes <c>/x?api_key=***&amp;catalog_key=env</c>).</summary>
        public static string RedactPathAndQuery(string pathAndQuery, IEnumerable<string>? knownSecrets = null) => Redact(pathAndQuery, knownSecrets);

        private static string ReplaceOrdinal(string text, string secret, string replacement)
        {
            var index = text.IndexOf(secret, StringComparison.Ordinal);
            if (index < 0)
            {
                return text;
            }

            var builder = new System.Text.StringBuilder(text.Length);
            var start = 0;
            while (index >= 0)
            {
                builder.Append(text, start, index - start).Append(replacement);
                start = index + secret.Length;
                index = text.IndexOf(secret, start, StringComparison.Ordinal);
            }

            builder.Append(text, start, text.Length - start);
            return builder.ToString();
        }
    }
}
