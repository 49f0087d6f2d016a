using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;
using Cloudthread.Client.Json;

namespace Cloudthread.Client.Serialization
{
    /// <summary>
    /// A free-form JSON object (opportunity_details) as a BCL tree (<see cref="JsonTree"/>). A server that sends the
    /// object JSON-encoded inside a string gets it decoded; any other non-object value is kept under the key "value".
    /// </summary>
    internal sealed class JsonTreeObjectConverter : JsonConverter<Dictionary<string, object?>>
    {
        public override bool HandleNull => false;

        public override Dictionary<string, object?>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var value = JsonTree.ReadValue(ref reader);
            if (value is string text && JsonTree.TryParse(System.Text.Encoding.UTF8.GetBytes(text), out var decoded))
            {
                value = decoded;
            }

            return value switch
            {
                null => null,
                Dictionary<string, object?> map => map,
                _ => new Dictionary<string, object?>(StringComparer.Ordinal) { ["value"] = value },
            };
        }

        public override void Write(Utf8JsonWriter writer, Dictionary<string, object?> value, JsonSerializerOptions options) => JsonTree.Write(writer, value);
    }
}
