using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Cloudthread.Client.Http;

namespace Cloudthread.Client.Serialization
{
    /// <summary>Request bodies and answers through <see cref="CloudthreadJsonContext"/>; an unreadable answer becomes a clear error.</summary>
    internal static class WireJson
    {
        public static ApiRequest WithBody<T>(this ApiRequest request, T body, JsonTypeInfo<T> typeInfo)
        {
            request.JsonBody = JsonSerializer.SerializeToUtf8Bytes(body, typeInfo);
            return request;
        }

        /// <summary>Reads the answer; returns default for an empty body.</summary>
        public static T? Read<T>(ApiRequest request, ApiResponse response, JsonTypeInfo<T> typeInfo)
        {
            if (IsBlank(response.Body))
            {
                return default;
            }

            try
            {
                return JsonSerializer.Deserialize(WithoutBom(response.Body), typeInfo);
            }
            catch (JsonException ex)
            {
                throw Unreadable(request, response, ex);
            }
        }

        /// <summary>The first significant character of the body: '[' for an array, '{' for an object, '\0' when empty.</summary>
        public static char FirstSignificant(byte[] body)
        {
            foreach (var b in body)
            {
                if (b != (byte)' ' && b != (byte)'\t' && b != (byte)'\r' && b != (byte)'\n' && b != 0xEF && b != 0xBB && b != 0xBF)
                {
                    return (char)b;
                }
            }

            return '\0';
        }

        /// <summary>System.Text.Json refuses a leading UTF-8 byte order mark; some servers send one.</summary>
        public static ReadOnlySpan<byte> WithoutBom(byte[] body) =>
            body.Length >= 3 && body[0] == 0xEF && body[1] == 0xBB && body[2] == 0xBF ? body.AsSpan(3) : body.AsSpan();

        public static bool IsBlank(byte[] body) => FirstSignificant(body) == '\0';

        public static CloudthreadApiException Unreadable(ApiRequest request, ApiResponse response, Exception inner)
        {
            var where = request.Method.Method + " " + request.Path;
            // JsonException messages name the JSON path and position, never the values: safe to show.
            return new CloudthreadApiException(
                CloudthreadErrorKind.InvalidResponse,
                "The answer to " + where + " (HTTP " + response.StatusCode + ") is not the JSON the client expects: " + inner.Message,
                request.Method.Method,
                request.Path,
                response.StatusCode,
                innerException: inner);
        }

        /// <summary>An empty optional field (a blank CSV cell, say) is left out rather than sent empty.</summary>
        public static string? EmptyAsNull(string? value) => string.IsNullOrEmpty(value) ? null : value;

        /// <summary>A parsed list without the nulls a server may put in it; empty when the body was empty.</summary>
        public static IReadOnlyList<T> WithoutNulls<T>(List<T>? items)
            where T : class
        {
            if (items is null)
            {
                return new List<T>();
            }

            items.RemoveAll(item => item is null);
            return items;
        }

        public static ApiRequest Get(string path) => new ApiRequest(HttpMethod.Get, path) { RetryMode = RetryMode.Idempotent };
    }
}
