using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace Cloudthread.Client.Serialization
{
    /// <summary>POST /cost-optimization/opportunities/list body; dates are calendar dates (YYYY-MM-DD).</summary>
    internal sealed class OpportunityQueryWire
    {
        public string? OpportunityTypeId { get; set; }
        public string? Status { get; set; }
        public bool? CodeAutomation { get; set; }
        public long? ThreadId { get; set; }
        public string? Account { get; set; }
        public string? Region { get; set; }
        public string? Service { get; set; }
        public List<TagWire>? Tags { get; set; }
        public string? Category { get; set; }
        public string? RecordId { get; set; }
        public string? Source { get; set; }
        public string? GithubPrKey { get; set; }
        public long? SecondaryId { get; set; }
        public string? LastDetectedStartDate { get; set; }
        public string? LastDetectedEndDate { get; set; }
        public string? StatusUpdatedStartDate { get; set; }
        public string? StatusUpdatedEndDate { get; set; }
        public bool? Details { get; set; }
        public int? Priority { get; set; }
    }

    /// <summary>One opportunity as sent: dates stay text until parsed leniently, details stay free JSON.</summary>
    internal sealed class OpportunityWire
    {
        public long Id { get; set; }
        public string? Source { get; set; }

        [JsonConverter(typeof(JsonTreeObjectConverter))]
        public Dictionary<string, object?>? OpportunityDetails { get; set; }

        public string? OpportunityTypeId { get; set; }
        public double? CostImpact { get; set; }
        public string? RecordId { get; set; }
        public string? StatusUpdatedAt { get; set; }
        public string? CreatedAt { get; set; }
        public string? Status { get; set; }
        public string? LastDetectedAt { get; set; }
        public long? ThreadId { get; set; }
        public string? GithubPrKey { get; set; }
    }
}
