using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text;
using Cloudthread.Client.Http;
using Cloudthread.Client.Json;
using Cloudthread.Client.Models;
using Cloudthread.Client.Validation;

namespace Cloudthread.Client.Operations
{
    /// <summary>Any request (Invoke-CtApiRequest) with the same auth, retries and errors as the typed operations.</summary>
    internal static class RawApi
    {
        private static readonly char[] Ampersand = { '&' };
        private static readonly string[] Methods = { "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS" };

        public static ApiRequest Build(ApiRawRequest raw)
        {
            var request = Build(raw.Method, raw.Path, raw.Query, raw.JsonBody);
            var issues = new ValidationIssueList();
            foreach (var header in raw.Headers ?? new Dictionary<string, string>())
            {
                var name = header.Key?.Trim() ?? string.Empty;
                if (name.Length == 0)
                {
                    issues.Add("headers", "has an empty header name");
                }
                else if (string.Equals(name, "x-api-key", StringComparison.OrdinalIgnoreCase))
                {
                    issues.Add("headers", "x-api-key is set from the connection's API key: pass -ApiKey instead");
                }
                else if (name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase) && !request.JsonBody.HasValue)
                {
                    issues.Add("headers", name + " describes a body, and the request has none");
                }
                else
                {
                    request.Headers.Add(new KeyValuePair<string, string>(name, header.Value ?? string.Empty));
                }
            }

            issues.ThrowIfAny();
            request.ReturnErrorResponses = raw.SkipHttpErrorCheck;
            return request;
        }

        public static ApiRequest Build(string? method, string? path, IReadOnlyDictionary<string, string>? query, string? jsonBody)
        {
            var issues = new ValidationIssueList();
            var verb = method?.Trim().ToUpperInvariant() ?? string.Empty;
            if (verb.Length == 0)
            {
                issues.Add("method", "is required");
            }
            else if (Array.IndexOf(Methods, verb) < 0)
            {
                issues.Add("method", "'" + ValidationIssueList.Shorten(method!) + "' is not one of " + string.Join(", ", Methods));
            }

            var relative = path?.Trim() ?? string.Empty;
            if (relative.Length == 0)
            {
                issues.Add("path", "is required");
            }
            else if (relative.StartsWith("//", StringComparison.Ordinal) || relative.IndexOf("://", StringComparison.Ordinal) >= 0)
            {
                // An absolute URL would send the API key to whatever host it names.
                issues.Add("path", "must be relative to the connection's base URI (e.g. /teams), not an absolute URL");
            }
            else if (relative.IndexOf('#') >= 0)
            {
                issues.Add("path", "must not contain a fragment ('#')");
            }

            byte[]? body = null;
            if (jsonBody is not null && jsonBody.Trim().Length > 0)
            {
                body = Encoding.UTF8.GetBytes(jsonBody);
                if (!JsonTree.TryParse(body, out _))
                {
                    issues.Add("body", "is not valid JSON");
                }
            }

            if (query is not null)
            {
                foreach (var pair in query)
                {
                    if (string.IsNullOrEmpty(pair.Key))
                    {
                        issues.Add("query", "has an empty parameter name");
                    }
                }
            }

            issues.ThrowIfAny();

            if (relative[0] != '/')
            {
                relative = "/" + relative;
            }

            // A query string written into the path joins the dictionary's parameters (path ones first).
            var parameters = new List<KeyValuePair<string, string>>();
            var questionMark = relative.IndexOf('?');
            if (questionMark >= 0)
            {
                ParseQueryString(relative.Substring(questionMark + 1), parameters);
                relative = relative.Substring(0, questionMark);
            }

            var request = new ApiRequest(new HttpMethod(verb), relative)
            {
                RetryMode = verb is "POST" or "PATCH" ? RetryMode.OnlyIfNotProcessed : RetryMode.Idempotent,
            };
            if (body is not null)
            {
                request.JsonBody = body;
            }

            foreach (var pair in parameters)
            {
                request.Query.Add(pair);
            }

            if (query is not null)
            {
                foreach (var pair in query)
                {
                    request.Query.Add(new KeyValuePair<string, string>(pair.Key, pair.Value ?? string.Empty));
                }
            }

            return request;
        }

        public static ApiRawResponse Parse(ApiResponse response)
        {
            var text = DecodeUtf8(response.Body);
            return new ApiRawResponse
            {
                StatusCode = response.StatusCode,
                ContentType = response.ContentType,
                Body = text,
                Json = JsonTree.TryParse(response.Body, out var tree) ? tree : null,
                BodyBytes = response.Body,
                Headers = response.Headers,
            };
        }

        private static string DecodeUtf8(byte[] body)
        {
            var start = body.Length >= 3 && body[0] == 0xEF && body[1] == 0xBB && body[2] == 0xBF ? 3 : 0;
            return Encoding.UTF8.GetString(body, start, body.Length - start);
        }

        /// <summary>Splits "a=1&amp;b=x%20y" into unescaped pairs (the transport escapes them again).</summary>
        internal static void ParseQueryString(string queryString, List<KeyValuePair<string, string>> into)
        {
            foreach (var part in queryString.Split(Ampersand, StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = part.IndexOf('=');
                var name = equals < 0 ? part : part.Substring(0, equals);
                var value = equals < 0 ? string.Empty : part.Substring(equals + 1);
                into.Add(new KeyValuePair<string, string>(Unescape(name), Unescape(value)));
            }
        }

        private static string Unescape(string s) => Uri.UnescapeDataString(s.Replace('+', ' '));
    }
}
