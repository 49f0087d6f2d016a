using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using Cloudthread.Client.Http;
using Cloudthread.Client.Models;
using Cloudthread.Client.Serialization;
using Cloudthread.Client.Validation;

namespace Cloudthread.Client.Operations
{
    /// <summary>The /teams endpoints: request building, answer parsing, and the read-merge-PATCH of an update.</summary>
    internal static class TeamsApi
    {
        private static readonly HttpMethod Patch = new HttpMethod("PATCH");

        public static ApiRequest BuildList() => WireJson.Get("/teams");

        public static ApiRequest BuildGet(string? teamId)
        {
            TeamValidator.ValidateTeamId(teamId);
            return WireJson.Get(PathSegments.Team(teamId!));
        }

        public static ApiRequest BuildCreate(Team? team)
        {
            TeamValidator.ValidateTeam(team);
            return new ApiRequest(HttpMethod.Post, "/teams") { RetryMode = RetryMode.OnlyIfNotProcessed }
                .WithBody(team!, CloudthreadJsonContext.Default.Team);
        }

        /// <summary>PATCH takes the whole team (the API requires id and name): <paramref name="merged"/> is the result of <see cref="Merge"/>.</summary>
        public static ApiRequest BuildUpdate(string? teamId, Team? merged)
        {
            TeamValidator.ValidateTeamId(teamId);
            TeamValidator.ValidateTeam(merged);
            return new ApiRequest(Patch, PathSegments.Team(teamId!)) { RetryMode = RetryMode.OnlyIfNotProcessed }
                .WithBody(merged!, CloudthreadJsonContext.Default.Team);
        }

        public static ApiRequest BuildDelete(string? teamId)
        {
            TeamValidator.ValidateTeamId(teamId);
            return new ApiRequest(HttpMethod.Delete, PathSegments.Team(teamId!)) { RetryMode = RetryMode.Idempotent };
        }

        public static ApiRequest BuildListMembers(string? teamId)
        {
            TeamValidator.ValidateTeamId(teamId);
            return WireJson.Get(PathSegments.TeamMembers(teamId!));
        }

        public static ApiRequest BuildAddMembers(string? teamId, IReadOnlyList<string>? userIds) => BuildMembersChange(teamId, userIds, "/assign");

        public static ApiRequest BuildRemoveMembers(string? teamId, IReadOnlyList<string>? userIds) => BuildMembersChange(teamId, userIds, "/delete");

        private static ApiRequest BuildMembersChange(string? teamId, IReadOnlyList<string>? userIds, string action)
        {
            TeamValidator.ValidateMembersChange(teamId, userIds);
            var body = new TeamMembersChangeWire { UsersIds = userIds!.ToList() };
            return new ApiRequest(HttpMethod.Post, PathSegments.TeamMembers(teamId!) + action) { RetryMode = RetryMode.OnlyIfNotProcessed }
                .WithBody(body, CloudthreadJsonContext.Default.TeamMembersChangeWire);
        }

        public static IReadOnlyList<Team> ParseList(ApiRequest request, ApiResponse response) =>
            WireJson.WithoutNulls(WireJson.Read(request, response, CloudthreadJsonContext.Default.ListTeam));

        /// <summary>The team in the answer; <paramref name="sent"/> when a server answers a write with an empty body.</summary>
        public static Team ParseOne(ApiRequest request, ApiResponse response, Team? sent = null) =>
            WireJson.Read(request, response, CloudthreadJsonContext.Default.Team)
            ?? sent
            ?? throw WireJson.Unreadable(request, response, new System.Text.Json.JsonException("The body is empty; a team was expected."));

        /// <summary>
        /// The team as it will be after the update: a copy of <paramref name="current"/> with every non-null field of
        /// <paramref name="update"/> applied (an empty list clears a filter; null leaves it as is). The id never changes.
        /// </summary>
        public static Team Merge(Team current, TeamUpdate update)
        {
            // Over the one list of team fields (TeamFields), so a field added there is merged too.
            var merged = new Team { Id = current.Id };
            foreach (var field in TeamFields.All)
            {
                field.SetValue(merged, CopyOf(field.GetValue(update) ?? field.GetValue(current)));
            }

            return merged;
        }

        /// <summary>Lists are copied, so the merged team shares nothing with the current one or the update.</summary>
        private static object? CopyOf(object? value) => value switch
        {
            List<Dictionary<string, string>> maps => maps.Select(map => map is null ? null! : new Dictionary<string, string>(map, map.Comparer)).ToList(),
            List<string> texts => new List<string>(texts),
            List<int> numbers => new List<int>(numbers),
            _ => value,
        };
    }
}
