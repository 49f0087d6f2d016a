using System.Collections.Generic;

namespace Cloudthread.Client.Models
{
    /// <summary>A team and its data filters (TeamResponse / CreateTeamRequest).</summary>
    public sealed class Team
    {
        public string Id { get; set; } = string.Empty;
        public string Name { get; set; } = string.Empty;
        public string? SlackChannel { get; set; }
        public List<string>? AwsAccountIds { get; set; }
        public List<string>? AwsBillPayerAccountIds { get; set; }
        public List<string>? AwsRegionNames { get; set; }
        public List<string>? AwsServices { get; set; }
        public List<Dictionary<string, string>>? AwsTags { get; set; }
        public List<Dictionary<string, string>>? AwsAccountTags { get; set; }
        public List<string>? GcpProjectNames { get; set; }
        public List<string>? GcpBillingAccountIds { get; set; }
        public List<string>? GcpSkuIds { get; set; }
        public List<string>? GcpLocations { get; set; }
        public List<string>? GcpServices { get; set; }
        public List<Dictionary<string, string>>? GcpLabels { get; set; }
        /// <summary>Data stream tokens are secrets: redacted in logs, hidden from table views.</summary>
        public List<string>? CustomStreamTokens { get; set; }
        public List<string>? CustomMetricNames { get; set; }
        public List<Dictionary<string, string>>? CustomDimensions { get; set; }
        public List<int>? OpportunityPriorities { get; set; }
        public override string ToString() => Id;
    }

    /// <summary>
    /// The fields to change on a team; null means "leave as is". The client reads the team,
    /// merges these, and PATCHes the whole object (the API requires id and name on every PATCH).
    /// </summary>
    public sealed class TeamUpdate
    {
        /// <summary>A copy of <paramref name="team"/> with this update's non-null fields applied (the id never changes).</summary>
        public Team ApplyTo(Team team) =>
            Cloudthread.Client.Operations.TeamsApi.Merge(team ?? throw new System.ArgumentNullException(nameof(team)), this);

        // The same properties as Team, written out again on purpose: a shared base class would put its properties
        // first in the JSON the API receives (and add a type name to every team in PowerShell). Code that goes over
        // the fields uses TeamFields, so this list and Team's are the only two to keep in step.
        public string? Name { get; set; }
        public string? SlackChannel { get; set; }
        public List<string>? AwsAccountIds { get; set; }
        public List<string>? AwsBillPayerAccountIds { get; set; }
        public List<string>? AwsRegionNames { get; set; }
        public List<string>? AwsServices { get; set; }
        public List<Dictionary<string, string>>? AwsTags { get; set; }
        public List<Dictionary<string, string>>? AwsAccountTags { get; set; }
        public List<string>? GcpProjectNames { get; set; }
        public List<string>? GcpBillingAccountIds { get; set; }
        public List<string>? GcpSkuIds { get; set; }
        public List<string>? GcpLocations { get; set; }
        public List<string>? GcpServices { get; set; }
        public List<Dictionary<string, string>>? GcpLabels { get; set; }
        public List<string>? CustomStreamTokens { get; set; }
        public List<string>? CustomMetricNames { get; set; }
        public List<Dictionary<string, string>>? CustomDimensions { get; set; }
        public List<int>? OpportunityPriorities { get; set; }
    }
}
