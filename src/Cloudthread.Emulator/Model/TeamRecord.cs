using System.Text.Json.Nodes;

namespace Cloudthread.Emulator.Model;

/// <summary>A team: its validated definition (the TeamResponse fields, id and name included) and its members.</summary>
internal sealed record TeamRecord(string Id, JsonObject Definition, IReadOnlyList<string> MemberIds)
{
    public JsonObject ToJson() => (JsonObject)Definition.DeepClone();
}
