namespace Cloudthread.Emulator.Model;

/// <summary>A cost view whose daily cost is a deterministic function of the date (see CostModel).</summary>
internal sealed record CostView(string Id, string Name, double BaseDailyCost);
