using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cloudthread.Client.Serialization
{
    /// <summary>
    /// An event's team_id: a JSON number when the id is all digits (the published API types it as integer),
    /// else a string (CONTRACT.md). An id with a leading zero stays a string: as a number it would name another team.
    /// </summary>
    internal sealed class EventTeamIdConverter : JsonConverter<string>
    {
        public override bool HandleNull => false;

        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Number => LenientStringConverter.RawText(ref reader),
            JsonTokenType.Null => null,
            _ => throw new JsonException("team_id must be a number or a string, found " + reader.TokenType + "."),
        };

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
        {
            if (IsJsonInteger(value))
            {
                writer.WriteRawValue(value, skipInputValidation: false);
            }
            else
            {
                writer.WriteStringValue(value);
            }
        }

        /// <summary>All ASCII digits, and no leading zero unless the id is "0".</summary>
        internal static bool IsJsonInteger(string value)
        {
            if (value.Length == 0 || (value.Length > 1 && value[0] == '0'))
            {
                return false;
            }

            foreach (var c in value)
            {
                if (c < '0' || c > '9')
                {
                    return false;
                }
            }

            return true;
        }
    }
}
