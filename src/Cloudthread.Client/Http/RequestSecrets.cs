using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text;
using System.Text.Json;

namespace Cloudthread.Client.Http
{
    /// <summary>
    /// The literal values to redact from everything a request logs or raises: the API key, the values the
    /// caller declared (<see cref="ApiRequest.SecretValues"/>), and the data stream tokens found in a plain
    /// JSON body (a server may echo a token in its error message).
    /// </summary>
    internal static class RequestSecrets
    {
        private const string Key = "Cloudthread.Secrets";
        private static readonly byte[] TokenName = Encoding.UTF8.GetBytes("data_stream_token");
        private static readonly byte[] TokenArrayName = Encoding.UTF8.GetBytes("custom_stream_tokens");

        public static IReadOnlyList<string> Collect(ApiRequest request, string? apiKey)
        {
            var secrets = new List<string>();
            if (!string.IsNullOrEmpty(apiKey))
            {
                secrets.Add(apiKey!);
            }

            foreach (var value in request.SecretValues)
            {
                if (!string.IsNullOrEmpty(value))
                {
                    secrets.Add(value);
                }
            }

            if (request.JsonBody.HasValue && !request.BodyIsGzip && !request.BodySecretsDeclared)
            {
                AddBodyTokens(request.JsonBody.Value.Span, secrets);
            }

            return secrets;
        }

        public static void Attach(HttpRequestMessage message, IReadOnlyList<string> secrets) => message.Properties[Key] = secrets;

        public static IReadOnlyList<string> Of(HttpRequestMessage message) =>
            message.Properties.TryGetValue(Key, out var value) && value is IReadOnlyList<string> secrets ? secrets : Array.Empty<string>();

        private static void AddBodyTokens(ReadOnlySpan<byte> json, List<string> secrets)
        {
            // Most bodies carry no token: skip the parse unless one of the names occurs.
            if (json.IndexOf(TokenName) < 0 && json.IndexOf(TokenArrayName) < 0)
            {
                return;
            }

            try
            {
                var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
                var inTokenArray = -1;
                var nextIsToken = false;
                while (reader.Read())
                {
                    switch (reader.TokenType)
                    {
                        case JsonTokenType.PropertyName:
                            nextIsToken = reader.ValueTextEquals(TokenName);
                            if (reader.ValueTextEquals(TokenArrayName))
                            {
                                inTokenArray = reader.CurrentDepth + 1;
                            }

                            break;
                        case JsonTokenType.String:
                            if (nextIsToken || (inTokenArray >= 0 && reader.CurrentDepth == inTokenArray))
                            {
                                var token = reader.GetString();
                                if (!string.IsNullOrEmpty(token))
                                {
                                    secrets.Add(token!);
                                }
                            }

                            nextIsToken = false;
                            break;
                        case JsonTokenType.EndArray:
                            if (reader.CurrentDepth + 1 == inTokenArray)
                            {
                                inTokenArray = -1;
                            }

                            nextIsToken = false;
                            break;
                        default:
                            nextIsToken = false;
                            break;
                    }
                }
            }
            catch (JsonException)
            {
                // Not JSON after all: the field rules of the redactor still apply to its text.
            }
        }
    }
}
