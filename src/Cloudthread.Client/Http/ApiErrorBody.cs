using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Cloudthread.Client.Http
{
    /// <summary>
    /// The server's error, read from whatever body it sent:
    /// <c>{"code","message","details":[{"path","message"}]}</c> (this project's convention),
    /// <c>{"error":{"code","message","details"}}</c> or <c>{"error":"..."}</c>,
    /// <c>{"message"}</c>, <c>{"detail":"..."}</c> or FastAPI's <c>{"detail":[{"loc","msg"}]}</c>,
    /// RFC 7807 <c>{"title","detail","errors"}</c>, or any text (HTML tags stripped, truncated).
    /// </summary>
    internal sealed class ApiErrorBody
    {
        /// <summary>Plain-text bodies are cut to this many characters.</summary>
        public const int MaxTextLength = 300;

        private static readonly Regex Tags = new Regex("<(script|style)[^>]*>.*?</\\1>|<[^>]+>", RegexOptions.Singleline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private static readonly Regex Spaces = new Regex("\\s+", RegexOptions.CultureInvariant);

        private ApiErrorBody(string? code, string? message, IReadOnlyList<ValidationIssue> details)
        {
            Code = code;
            Message = message;
            Details = details;
        }

        public string? Code { get; }
        public string? Message { get; }
        public IReadOnlyList<ValidationIssue> Details { get; }

        public static ApiErrorBody Parse(byte[] body, string? contentType)
        {
            if (body.Length == 0)
            {
                return new ApiErrorBody(null, null, Array.Empty<ValidationIssue>());
            }

            var text = Encoding.UTF8.GetString(body).Trim().TrimStart('\uFEFF');
            if (text.Length == 0)
            {
                return new ApiErrorBody(null, null, Array.Empty<ValidationIssue>());
            }

            if (text[0] == '{' || text[0] == '"')
            {
                try
                {
                    using (var document = JsonDocument.Parse(text))
                    {
                        var parsed = FromJson(document.RootElement);
                        if (parsed != null)
                        {
                            return parsed;
                        }
                    }
                }
                catch (JsonException)
                {
                    // Not JSON after all: shown as text below.
                }
            }

            var isHtml = (contentType != null && contentType.IndexOf("html", StringComparison.OrdinalIgnoreCase) >= 0)
                || text.StartsWith("<", StringComparison.Ordinal);
            return new ApiErrorBody(null, Shorten(isHtml ? Tags.Replace(text, " ") : text), Array.Empty<ValidationIssue>());
        }

        /// <summary>One line, at most <see cref="MaxTextLength"/> characters.</summary>
        public static string Shorten(string text)
        {
            var line = Spaces.Replace(text, " ").Trim();
            return line.Length <= MaxTextLength ? line : line.Substring(0, MaxTextLength - 3).TrimEnd() + "...";
        }

        private static ApiErrorBody? FromJson(JsonElement root)
        {
            if (root.ValueKind == JsonValueKind.String)
            {
                return new ApiErrorBody(null, Shorten(root.GetString() ?? string.Empty), Array.Empty<ValidationIssue>());
            }

            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var source = root;
            string? message = null;
            if (root.TryGetProperty("error", out var error))
            {
                if (error.ValueKind == JsonValueKind.Object)
                {
                    source = error;
                }
                else if (error.ValueKind == JsonValueKind.String)
                {
                    message = error.GetString();
                }
            }

            var code = Scalar(source, "code") ?? Scalar(source, "error_code") ?? Scalar(root, "code");
            message = Scalar(source, "message") ?? message ?? Scalar(source, "error_description") ?? Scalar(source, "title");

            var details = new List<ValidationIssue>();
            if (source.TryGetProperty("details", out var detailArray))
            {
                AddIssues(detailArray, details);
            }

            if (source.TryGetProperty("errors", out var errors))
            {
                AddIssues(errors, details);
            }

            if (source.TryGetProperty("detail", out var detail))
            {
                if (detail.ValueKind == JsonValueKind.String)
                {
                    var detailText = detail.GetString();
                    message = message == null ? detailText : message + ": " + detailText;
                }
                else
                {
                    AddIssues(detail, details);
                }
            }

            if (code == null && message == null && details.Count == 0)
            {
                return null;
            }

            return new ApiErrorBody(code, message == null ? null : Shorten(message), details);
        }

        private static void AddIssues(JsonElement element, List<ValidationIssue> issues)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                    {
                        if (item.ValueKind == JsonValueKind.String)
                        {
                            issues.Add(new ValidationIssue(string.Empty, Shorten(item.GetString() ?? string.Empty)));
                        }
                        else if (item.ValueKind == JsonValueKind.Object)
                        {
                            var path = Scalar(item, "path") ?? Scalar(item, "field") ?? Scalar(item, "name") ?? LocationPath(item);
                            var message = Scalar(item, "message") ?? Scalar(item, "msg") ?? Scalar(item, "detail") ?? item.GetRawText();
                            issues.Add(new ValidationIssue(path ?? string.Empty, Shorten(message)));
                        }
                    }

                    break;
                case JsonValueKind.Object:
                    // ASP.NET / RFC 7807 style: { "field": ["message", ...] }
                    foreach (var property in element.EnumerateObject())
                    {
                        if (property.Value.ValueKind == JsonValueKind.Array)
                        {
                            foreach (var message in property.Value.EnumerateArray())
                            {
                                issues.Add(new ValidationIssue(property.Name, Shorten(message.ValueKind == JsonValueKind.String ? message.GetString() ?? string.Empty : message.GetRawText())));
                            }
                        }
                        else if (property.Value.ValueKind == JsonValueKind.String)
                        {
                            issues.Add(new ValidationIssue(property.Name, Shorten(property.Value.GetString() ?? string.Empty)));
                        }
                    }

                    break;
            }
        }

        /// <summary>FastAPI's <c>"loc": ["body", "data", 3, "timestamp"]</c> as <c>data[3].timestamp</c>.</summary>
        private static string? LocationPath(JsonElement item)
        {
            if (!item.TryGetProperty("loc", out var location) || location.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var builder = new StringBuilder();
            var first = true;
            foreach (var part in location.EnumerateArray())
            {
                if (part.ValueKind == JsonValueKind.Number)
                {
                    builder.Append('[').Append(part.GetRawText()).Append(']');
                }
                else
                {
                    var name = part.ValueKind == JsonValueKind.String ? part.GetString() : part.GetRawText();
                    if (first && (name == "body" || name == "query" || name == "path" || name == "header"))
                    {
                        first = false;
                        continue;
                    }

                    if (builder.Length > 0)
                    {
                        builder.Append('.');
                    }

                    builder.Append(name);
                }

                first = false;
            }

            return builder.ToString();
        }

        private static string? Scalar(JsonElement element, string name)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value))
            {
                return null;
            }

            switch (value.ValueKind)
            {
                case JsonValueKind.String:
                    var text = value.GetString();
                    return string.IsNullOrWhiteSpace(text) ? null : text;
                case JsonValueKind.Number:
                    return value.GetRawText();
                case JsonValueKind.True:
                case JsonValueKind.False:
                    return value.GetBoolean().ToString(CultureInfo.InvariantCulture);
                default:
                    return null;
            }
        }
    }
}
