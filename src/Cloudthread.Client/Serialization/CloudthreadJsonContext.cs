using System.Collections.Generic;
using System.Text.Json.Serialization;
using Cloudthread.Client.Models;

namespace Cloudthread.Client.Serialization
{
    /// <summary>
    /// The one source-generated serialization context of the client: snake_case on the wire, PascalCase in C#,
    /// nulls left out when writing, numbers accepted as strings and strings as numbers when reading
    /// (servers are inconsistent about ids).
    /// </summary>
    [JsonSourceGenerationOptions(
        PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        PropertyNameCaseInsensitive = true,
        Converters = new[] { typeof(LenientStringConverter) })]
    [JsonSerializable(typeof(CreateEventsWire))]
    [JsonSerializable(typeof(TagCatalogWire))]
    [JsonSerializable(typeof(MetricDataWire<CostViewPointWire>))]
    [JsonSerializable(typeof(List<CostViewPointWire>))]
    [JsonSerializable(typeof(MetricDataWire<UnitMetricPointWire>))]
    [JsonSerializable(typeof(List<UnitMetricPointWire>))]
    [JsonSerializable(typeof(User))]
    [JsonSerializable(typeof(List<User>))]
    [JsonSerializable(typeof(NewUserWire))]
    [JsonSerializable(typeof(Team))]
    [JsonSerializable(typeof(List<Team>))]
    [JsonSerializable(typeof(TeamMembersChangeWire))]
    [JsonSerializable(typeof(OpportunityQueryWire))]
    [JsonSerializable(typeof(List<OpportunityWire>))]
    internal sealed partial class CloudthreadJsonContext : JsonSerializerContext
    {
    }
}
