using Cloudthread.Client.Models;
using Cloudthread.Client.Operations;

namespace Cloudthread.Client.Tests.Typed;

public sealed class TeamMergeTests
{
    private static Team Current() => new()
    {
        Id = "platform",
        Name = "Platform Engineering",
        SlackChannel = "#platform-alerts",
        AwsAccountIds = ["111111111111"],
        AwsServices = ["Amazon EC2", "Amazon S3"],
        AwsTags = [new() { ["Key"] = "env", ["Value"] = "prod" }],
        CustomStreamTokens = ["tok-1"],
        OpportunityPriorities = [1],
    };

    [Fact]
    public void Null_fields_keep_the_current_value_and_set_fields_replace_it()
    {
        var merged = TeamsApi.Merge(Current(), new TeamUpdate { Name = "Platform", AwsServices = ["AWS Lambda"], GcpProjectNames = ["p-1"] });
        Assert.Equal("platform", merged.Id);
        Assert.Equal("Platform", merged.Name);
        Assert.Equal("#platform-alerts", merged.SlackChannel);
        Assert.Equal(["111111111111"], merged.AwsAccountIds!);
        Assert.Equal(["AWS Lambda"], merged.AwsServices!);
        Assert.Equal(["p-1"], merged.GcpProjectNames!);
        Assert.Equal("prod", merged.AwsTags![0]["Value"]);
        Assert.Equal(["tok-1"], merged.CustomStreamTokens!);
        Assert.Equal([1], merged.OpportunityPriorities!);
        Assert.Null(merged.GcpLabels);
    }

    [Fact]
    public void An_empty_list_clears_a_filter()
    {
        var merged = TeamsApi.Merge(Current(), new TeamUpdate { AwsAccountIds = [], OpportunityPriorities = [] });
        Assert.Empty(merged.AwsAccountIds!);
        Assert.Empty(merged.OpportunityPriorities!);
    }

    [Fact]
    public void Every_update_field_is_applied()
    {
        var update = new TeamUpdate
        {
            Name = "n", SlackChannel = "#finops", AwsAccountIds = ["a"], AwsBillPayerAccountIds = ["b"], AwsRegionNames = ["c"], AwsServices = ["d"],
            AwsTags = [new() { ["k"] = "1" }], AwsAccountTags = [new() { ["k"] = "2" }], GcpProjectNames = ["e"], GcpBillingAccountIds = ["f"],
            GcpSkuIds = ["g"], GcpLocations = ["h"], GcpServices = ["i"], GcpLabels = [new() { ["k"] = "3" }], CustomStreamTokens = ["j"],
            CustomMetricNames = ["k"], CustomDimensions = [new() { ["k"] = "4" }], OpportunityPriorities = [5],
        };
        var merged = TeamsApi.Merge(new Team { Id = "x", Name = "old" }, update);
        Assert.Equal(
            "n|#finops|a|b|c|d|1|2|e|f|g|h|i|3|j|k|4|5",
            string.Join("|", merged.Name, merged.SlackChannel, merged.AwsAccountIds![0], merged.AwsBillPayerAccountIds![0], merged.AwsRegionNames![0],
                merged.AwsServices![0], merged.AwsTags![0]["k"], merged.AwsAccountTags![0]["k"], merged.GcpProjectNames![0], merged.GcpBillingAccountIds![0],
                merged.GcpSkuIds![0], merged.GcpLocations![0], merged.GcpServices![0], merged.GcpLabels![0]["k"], merged.CustomStreamTokens![0],
                merged.CustomMetricNames![0], merged.CustomDimensions![0]["k"], merged.OpportunityPriorities![0]));
    }

    [Fact]
    public void The_merge_copies_rather_than_aliases()
    {
        var current = Current();
        var update = new TeamUpdate { AwsRegionNames = ["us-east-1"] };
        var merged = TeamsApi.Merge(current, update);
        merged.AwsAccountIds!.Add("999");
        merged.AwsRegionNames!.Add("eu-west-1");
        merged.AwsTags![0]["Value"] = "changed";
        Assert.Equal(["111111111111"], current.AwsAccountIds!);
        Assert.Equal(["us-east-1"], update.AwsRegionNames);
        Assert.Equal("prod", current.AwsTags![0]["Value"]);
    }

    [Fact]
    public async Task Update_reads_merges_and_patches_the_whole_team()
    {
        var api = new FakeApi()
            .Answer(200, """{"id":"platform","name":"Platform Engineering","aws_account_ids":["111111111111"],"aws_services":["Amazon EC2"]}""")
            .Answer(200, """{"id":"platform","name":"Platform","aws_account_ids":["111111111111"],"aws_services":["Amazon EC2"],"slack_channel":"#finops"}""");
        var result = await api.Client().UpdateTeamAsync("platform", new TeamUpdate { Name = "Platform", SlackChannel = "#finops" });

        Assert.Equal(2, api.Requests.Count);
        Assert.Equal(("GET", "/teams/platform"), (api.Requests[0].Method.Method, api.Requests[0].Path));
        Assert.Equal(("PATCH", "/teams/platform"), (api.Requests[1].Method.Method, api.Requests[1].Path));
        Assert.Equal(
            """{"id":"platform","name":"Platform","slack_channel":"#finops","aws_account_ids":["111111111111"],"aws_services":["Amazon EC2"]}""",
            FakeApi.BodyText(api.Requests[1]));
        Assert.Equal("#finops", result.SlackChannel);
    }

    [Fact]
    public async Task Update_of_a_missing_team_stops_after_the_read()
    {
        var notFound = new CloudthreadApiException(CloudthreadErrorKind.NotFound, "team not found", "GET", "/teams/nope", 404, "TeamNotFound");
        var api = new FakeApi().Fail(notFound);
        var error = await Assert.ThrowsAsync<CloudthreadApiException>(() => api.Client().UpdateTeamAsync("nope", new TeamUpdate { Name = "x" }));
        Assert.Same(notFound, error);
        Assert.Single(api.Requests);
    }

    [Fact]
    public async Task Update_keeps_the_merged_team_when_the_server_answers_without_a_body()
    {
        var api = new FakeApi().Answer(200, """{"id":"42","name":"Forty-Two"}""").Answer(200, "");
        var result = await api.Client().UpdateTeamAsync("42", new TeamUpdate { GcpServices = ["BigQuery"] });
        Assert.Equal(("42", "Forty-Two"), (result.Id, result.Name));
        Assert.Equal(["BigQuery"], result.GcpServices!);
    }

    [Fact]
    public void ApplyTo_sets_given_filters_on_a_new_team_and_leaves_the_rest_unset()
    {
        var team = new TeamUpdate { AwsRegionNames = ["eu-west-1"], OpportunityPriorities = [] }
            .ApplyTo(new Team { Id = "sre", Name = "Site Reliability" });

        Assert.Equal("sre", team.Id);
        Assert.Equal("Site Reliability", team.Name);
        Assert.Equal(["eu-west-1"], team.AwsRegionNames);
        Assert.Empty(team.OpportunityPriorities!);
        Assert.Null(team.AwsAccountIds);
        Assert.Null(team.SlackChannel);
    }
}
