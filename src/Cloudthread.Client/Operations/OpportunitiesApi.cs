using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using Cloudthread.Client.Http;
using Cloudthread.Client.Models;
using Cloudthread.Client.Serialization;
using Cloudthread.Client.Validation;

namespace Cloudthread.Client.Operations
{
    /// <summary>POST /cost-optimization/opportunities/list: a read, so retried as idempotent.</summary>
    internal static class OpportunitiesApi
    {
        public const string Path = "/cost-optimization/opportunities/list";

        public static ApiRequest BuildList(SavingsOpportunityQuery? query)
        {
            query ??= new SavingsOpportunityQuery();
            var issues = new ValidationIssueList();
            issues.NoBlankItems(query.Tags, "tags");
            issues.ThrowIfAny();
            var body = new OpportunityQueryWire
            {
                OpportunityTypeId = query.OpportunityTypeId,
                Status = query.Status,
                CodeAutomation = query.CodeAutomation,
                ThreadId = query.ThreadId,
                Account = query.Account,
                Region = query.Region,
                Service = query.Service,
                Tags = query.Tags?.ConvertAll(tag => new TagWire { Key = tag.Key, Value = tag.Value }),
                Category = query.Category,
                RecordId = query.RecordId,
                Source = query.Source,
                GithubPrKey = query.GithubPrKey,
                SecondaryId = query.SecondaryId,
                LastDetectedStartDate = Day(query.LastDetectedStartDate),
                LastDetectedEndDate = Day(query.LastDetectedEndDate),
                StatusUpdatedStartDate = Day(query.StatusUpdatedStartDate),
                StatusUpdatedEndDate = Day(query.StatusUpdatedEndDate),
                Details = query.Details,
                Priority = query.Priority,
            };
            return new ApiRequest(HttpMethod.Post, Path) { RetryMode = RetryMode.Idempotent }
                .WithBody(body, CloudthreadJsonContext.Default.OpportunityQueryWire);
        }

        public static IReadOnlyList<SavingsOpportunity> ParseList(ApiRequest request, ApiResponse response)
        {
            var rows = WireJson.Read(request, response, CloudthreadJsonContext.Default.ListOpportunityWire);
            return WireJson.WithoutNulls(rows)
                .Select(row => new SavingsOpportunity
                {
                    Id = row.Id,
                    Source = row.Source,
                    OpportunityDetails = row.OpportunityDetails,
                    OpportunityTypeId = row.OpportunityTypeId,
                    CostImpact = row.CostImpact,
                    RecordId = row.RecordId,
                    StatusUpdatedAt = ParseInstant(row.StatusUpdatedAt),
                    CreatedAt = ParseInstant(row.CreatedAt),
                    Status = row.Status,
                    LastDetectedAt = ParseInstant(row.LastDetectedAt),
                    ThreadId = row.ThreadId,
                    GithubPrKey = row.GithubPrKey,
                })
                .ToList();
        }

        private static string? Day(DateTime? value) => value is DateTime day ? MetricQueryValidator.Day(day) : null;

        /// <summary>RFC 3339 or a server's "yyyy-MM-dd HH:mm:ss[.ffffff]" (UTC when no offset), or epoch seconds; null when unreadable.</summary>
        internal static DateTimeOffset? ParseInstant(string? raw)
        {
            if (string.IsNullOrWhiteSpace(raw))
            {
                return null;
            }

            if (long.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var epoch) && raw!.Length <= 12)
            {
                return DateTimeOffset.FromUnixTimeSeconds(epoch);
            }

            return DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value) ? value : null;
        }
    }
}
