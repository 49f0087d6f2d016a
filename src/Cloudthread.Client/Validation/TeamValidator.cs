using System.Collections.Generic;
using Cloudthread.Client.Models;

namespace Cloudthread.Client.Validation
{
    /// <summary>Rules of the team endpoints: id and name required on create and PATCH, non-empty member lists.</summary>
    internal static class TeamValidator
    {
        public static void ValidateTeamId(string? teamId)
        {
            var issues = new ValidationIssueList();
            issues.PathSegment(teamId, "team_id");
            issues.ThrowIfAny();
        }

        /// <summary>A whole team as POST /teams and PATCH /teams/{id} take it.</summary>
        public static void ValidateTeam(Team? team)
        {
            var issues = new ValidationIssueList();
            if (team is null)
            {
                issues.Add("team", "is required");
                issues.ThrowIfAny();
                return;
            }

            issues.PathSegment(team.Id, "id");
            issues.Required(team.Name, "name");
            issues.NoBlankItems(team.AwsAccountIds, "aws_account_ids");
            issues.NoBlankItems(team.AwsBillPayerAccountIds, "aws_bill_payer_account_ids");
            issues.NoBlankItems(team.AwsRegionNames, "aws_region_names");
            issues.NoBlankItems(team.AwsServices, "aws_services");
            issues.NoBlankItems(team.AwsTags, "aws_tags");
            issues.NoBlankItems(team.AwsAccountTags, "aws_account_tags");
            issues.NoBlankItems(team.GcpProjectNames, "gcp_project_names");
            issues.NoBlankItems(team.GcpBillingAccountIds, "gcp_billing_account_ids");
            issues.NoBlankItems(team.GcpSkuIds, "gcp_sku_ids");
            issues.NoBlankItems(team.GcpLocations, "gcp_locations");
            issues.NoBlankItems(team.GcpServices, "gcp_services");
            issues.NoBlankItems(team.GcpLabels, "gcp_labels");
            issues.NoBlankItems(team.CustomStreamTokens, "custom_stream_tokens");
            issues.NoBlankItems(team.CustomMetricNames, "custom_metric_names");
            issues.NoBlankItems(team.CustomDimensions, "custom_dimensions");
            issues.ThrowIfAny();
        }

        public static void ValidateUpdate(string? teamId, TeamUpdate? update)
        {
            var issues = new ValidationIssueList();
            issues.PathSegment(teamId, "team_id");
            if (update is null)
            {
                issues.Add("update", "is required");
            }
            else if (update.Name is not null && update.Name.Trim().Length == 0)
            {
                issues.Add("name", "must not be empty");
            }

            issues.ThrowIfAny();
        }

        public static void ValidateMembersChange(string? teamId, IReadOnlyList<string>? userIds)
        {
            var issues = new ValidationIssueList();
            issues.PathSegment(teamId, "team_id");
            if (userIds is null || userIds.Count == 0)
            {
                issues.Add("users_ids", "at least one user id is required");
            }
            else
            {
                issues.NoBlankItems(userIds, "users_ids");
            }

            issues.ThrowIfAny();
        }
    }
}
