using System.Text.Json.Nodes;

namespace Cloudthread.Emulator.Model;

/// <summary>A savings opportunity: the fields the API answers plus the ones it filters on.</summary>
internal sealed record Opportunity
{
    public required long Id { get; init; }
    public required string Source { get; init; }
    public JsonObject? Details { get; init; }
    public required string OpportunityTypeId { get; init; }
    public required double CostImpact { get; init; }
    public required string RecordId { get; init; }
    public required DateTimeOffset StatusUpdatedAt { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required string Status { get; init; }
    public required DateTimeOffset LastDetectedAt { get; init; }
    public long? ThreadId { get; init; }
    public string? GithubPrKey { get; init; }
    public bool CodeAutomation { get; init; }
    public required string Account { get; init; }
    public required string Region { get; init; }
    public required string Service { get; init; }
    public IReadOnlyList<KeyValuePair<string, string>> Tags { get; init; } = [];
    public required string Category { get; init; }
    public long? SecondaryId { get; init; }
    public required int Priority { get; init; }
}
