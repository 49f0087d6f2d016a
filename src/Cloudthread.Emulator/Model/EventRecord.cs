using System.Text.Json.Nodes;

namespace Cloudthread.Emulator.Model;

/// <summary>A stored event; <see cref="TeamId"/> keeps the JSON form it was sent in (number or string).</summary>
internal sealed record EventRecord(long EpochSeconds, JsonNode? TeamId, JsonObject Payload);
