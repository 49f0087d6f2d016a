using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace Cloudthread.Client.Serialization
{
    /// <summary>A tag: the API spells its fields "Key" and "Value", unlike every other snake_case field.</summary>
    internal sealed class TagWire
    {
        [JsonPropertyName("Key")]
        public string? Key { get; set; }

        [JsonPropertyName("Value")]
        public string? Value { get; set; }
    }

    /// <summary>GET /tag-catalog answer.</summary>
    internal sealed class TagCatalogWire
    {
        public List<TagWire>? Tags { get; set; }
    }
}
