using System;
using System.Collections.Generic;

namespace Cloudthread.Client.Models
{
    /// <summary>Filters of POST /cost-optimization/opportunities/list; every field optional, combined with AND.</summary>
    public sealed class SavingsOpportunityQuery
    {
        public string? OpportunityTypeId { get; set; }
        public string? Status { get; set; }
        public bool? CodeAutomation { get; set; }
        public long? ThreadId { get; set; }
        public string? Account { get; set; }
        public string? Region { get; set; }
        public string? Service { get; set; }
        public List<Tag>? Tags { get; set; }
        public string? Category { get; set; }
        public string? RecordId { get; set; }
        public string? Source { get; set; }
        public string? GithubPrKey { get; set; }
        public long? SecondaryId { get; set; }
        public DateTime? LastDetectedStartDate { get; set; }
        public DateTime? LastDetectedEndDate { get; set; }
        public DateTime? StatusUpdatedStartDate { get; set; }
        public DateTime? StatusUpdatedEndDate { get; set; }
        public bool? Details { get; set; }
        public int? Priority { get; set; }
    }

    /// <summary>One savings opportunity.</summary>
    public sealed class SavingsOpportunity
    {
        public long Id { get; set; }
        public string? Source { get; set; }
        /// <summary>Free-form JSON details as BCL values (string-keyed dictionaries, lists, string, double, long, bool, null).</summary>
        public IDictionary<string, object?>? OpportunityDetails { get; set; }
        public string? OpportunityTypeId { get; set; }
        public double? CostImpact { get; set; }
        public string? RecordId { get; set; }
        public DateTimeOffset? StatusUpdatedAt { get; set; }
        public DateTimeOffset? CreatedAt { get; set; }
        public string? Status { get; set; }
        public DateTimeOffset? LastDetectedAt { get; set; }
        public long? ThreadId { get; set; }
        public string? GithubPrKey { get; set; }
    }
}
