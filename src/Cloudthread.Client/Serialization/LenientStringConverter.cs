using System;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cloudthread.Client.Serialization
{
    /// <summary>
    /// Reads a string field that a server may also send as a number or boolean (team and user ids are
    /// strings in one place and integers in another, CONTRACT.md defect 6), keeping the number's exact text.
    /// </summary>
    internal sealed class LenientStringConverter : JsonConverter<string>
    {
        public override bool HandleNull => false;

        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Number => RawText(ref reader),
            JsonTokenType.True => "true",
            JsonTokenType.False => "false",
            JsonTokenType.Null => null,
            _ => throw new JsonException("Expected a string, found " + reader.TokenType + "."),
        };

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

        // Registered for every string, so it must also handle strings used as dictionary keys (aws_tags and friends).
        public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetString() ?? string.Empty;

        public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WritePropertyName(value);

        internal static string RawText(ref Utf8JsonReader reader)
        {
            var span = reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan.ToArray();
            return Encoding.UTF8.GetString(span);
        }
    }
}
