using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace Cloudthread.Client.Serialization
{
    /// <summary>POST /events body: the public event is flat, the wire nests type/description/url under payload.</summary>
    internal sealed class CreateEventsWire
    {
        public List<EventWire> Data { get; set; } = new List<EventWire>();
    }

    internal sealed class EventWire
    {
        /// <summary>Already formatted by the connection's <see cref="TimestampFormat"/>.</summary>
        public string Timestamp { get; set; } = string.Empty;

        [JsonConverter(typeof(EventTeamIdConverter))]
        public string? TeamId { get; set; }

        public EventPayloadWire Payload { get; set; } = new EventPayloadWire();
    }

    internal sealed class EventPayloadWire
    {
        public string Type { get; set; } = string.Empty;
        public string? Description { get; set; }
        public string? EventUrl { get; set; }
    }
}
