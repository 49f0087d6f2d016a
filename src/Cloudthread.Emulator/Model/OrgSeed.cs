namespace Cloudthread.Emulator.Model;

/// <summary>Everything an org starts with: the demo org or a seed file.</summary>
internal sealed record OrgSeed
{
    public IReadOnlyList<UserRecord> Users { get; init; } = [];
    public IReadOnlyList<TeamRecord> Teams { get; init; } = [];
    public IReadOnlyList<string> SlackChannels { get; init; } = [];
    public IReadOnlyDictionary<string, IReadOnlyList<KeyValuePair<string, string>>> TagCatalogs { get; init; } =
        new Dictionary<string, IReadOnlyList<KeyValuePair<string, string>>>();
    public IReadOnlyList<CostView> CostViews { get; init; } = [];
    public IReadOnlyList<UnitMetric> UnitMetrics { get; init; } = [];
    public IReadOnlyList<Opportunity> Opportunities { get; init; } = [];
    public IReadOnlyList<CustomDataRecord> CustomData { get; init; } = [];
}
