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
            foreach (var field in TeamFields.Filters)
            {
                // No null or blank item in a list of texts or of maps (a list of integers holds neither).
                switch (field.GetValue(team))
                {
                    case List<string> texts:
                        issues.NoBlankItems(texts, field.WireName);
                        break;
                    case List<Dictionary<string, string>> maps:
                        issues.NoBlankItems(maps, field.WireName);
                        break;
                }
            }

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
