using Cloudthread.Client.Models;
using Cloudthread.Client.TeamsAsCode;

namespace Cloudthread.Client.Tests.TeamsAsCode;

/// <summary>An organisation like the emulator's demo org, as a snapshot, for plan tests without HTTP.</summary>
internal static class TeamsTestData
{
    public static readonly User[] Users =
    [
        new() { Id = "u-1001", Email = "alice.admin@example.com", Name = "Alice" },
        new() { Id = "u-1002", Email = "bob@example.com", Name = "Bob" },
        new() { Id = "u-1003", Email = "carol@example.com", Name = "Carol" },
        new() { Id = "u-1004", Email = "dan@example.com", Name = "Dan" },
    ];

    public static TeamsSnapshot Org() => new(
        [
            new TeamDefinition(
                new Team
                {
                    Id = "platform",
                    Name = "Platform Engineering",
                    SlackChannel = "#platform-alerts",
                    AwsAccountIds = ["111111111111"],
                    AwsServices = ["Amazon S3", "Amazon EC2"],
                    AwsTags = [new() { ["env"] = "prod" }],
                    CustomStreamTokens = ["secret-token-1"],
                    OpportunityPriorities = [2, 1],
                },
                ["bob@example.com", "alice.admin@example.com"]),
            new TeamDefinition(new Team { Id = "data", Name = "Data Science", GcpProjectNames = ["ds-prod"], AwsRegionNames = [] }, ["carol@example.com"]),
        ],
        Users);

    /// <summary>The organisation as its own export reads back.</summary>
    public static TeamsDocument Exported(TeamsSnapshot org) => TeamsFile.ReadJson(TeamsFile.WriteJson(org.Teams), "teams.json");

    public static string Lines(IEnumerable<TeamChange> plan) => string.Join("\n", plan.Select(c => c.Description));
}
