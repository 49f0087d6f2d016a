using Cloudthread.Client.Models;
using Cloudthread.Client.TeamsAsCode;
using static Cloudthread.Client.Tests.TeamsAsCode.TeamsTestData;

namespace Cloudthread.Client.Tests.TeamsAsCode;

public sealed class TeamPlanTests
{
    private static TeamsDocument File(string json) => TeamsFile.ReadJson(json, "teams.json");

    [Fact]
    public void The_plan_of_an_export_of_the_state_is_empty()
    {
        var org = Org();
        Assert.Empty(TeamPlan.Create(Exported(org), org));
        Assert.Empty(TeamPlan.Create(TeamsFile.ReadData(PowerShellDataOf(org), "teams.psd1"), org));
    }

    [Fact]
    public void A_new_team_is_created_with_its_fields_then_its_members_added()
    {
        var plan = TeamPlan.Create(File("""
            { "Teams": [
              { "Id": "platform", "Name": "Platform Engineering", "SlackChannel": "#platform-alerts", "AwsAccountIds": ["111111111111"],
                "AwsServices": ["Amazon EC2", "Amazon S3"], "AwsTags": [{"env": "prod"}], "OpportunityPriorities": [1, 2],
                "Members": ["alice.admin@example.com", "bob@example.com"] },
              { "Id": "data", "Name": "Data Science", "GcpProjectNames": ["ds-prod"], "Members": ["carol@example.com"] },
              { "Id": "sre", "Name": "Site Reliability", "AwsRegionNames": ["us-east-1"], "Members": ["DAN@example.com"] } ] }
            """), Org());
        Assert.Equal("+ team sre\n+ member dan@example.com to sre", Lines(plan));
        Assert.Equal([TeamChangeAction.Create, TeamChangeAction.AddMember], plan.Select(c => c.Action));
        Assert.Equal("u-1004", plan[1].UserId);
        Assert.Equal("dan@example.com", plan[1].Member);
        Assert.Equal(["us-east-1"], plan[0].NewTeam!.AwsRegionNames!);
        Assert.Equal("Site Reliability", plan[0].NewTeam!.Name);
        Assert.Null(plan[0].NewTeam!.CustomStreamTokens);
    }

    [Fact]
    public void Field_changes_are_updates_with_old_and_new_values_in_field_order()
    {
        var plan = TeamPlan.Create(File("""
            { "Teams": [
              { "Id": "platform", "Name": "Platform", "SlackChannel": "#finops", "AwsAccountIds": ["111111111111"],
                "AwsServices": ["Amazon EC2"], "AwsTags": [{"env": "prod"}], "OpportunityPriorities": [1, 2, 3],
                "Members": ["alice.admin@example.com", "bob@example.com"] },
              { "Id": "data", "Name": "Data Science", "GcpProjectNames": ["ds-prod"], "Members": ["carol@example.com"] } ] }
            """), Org());
        Assert.Equal(
            "~ team platform: Name 'Platform Engineering' -> 'Platform'\n" +
            "~ team platform: SlackChannel '#platform-alerts' -> '#finops'\n" +
            "~ team platform: AwsServices 'Amazon EC2', 'Amazon S3' -> 'Amazon EC2'\n" +
            "~ team platform: OpportunityPriorities 1, 2 -> 1, 2, 3",
            Lines(plan));
        var slack = plan[1];
        Assert.Equal(TeamChangeAction.Update, slack.Action);
        Assert.Equal("SlackChannel", slack.Field);
        Assert.Equal("#platform-alerts", slack.OldValue);
        Assert.Equal("#finops", slack.NewValue);
        Assert.Equal(new[] { "Amazon EC2", "Amazon S3" }, (string[])plan[2].OldValue!);
    }

    [Fact]
    public void Removed_teams_and_members_are_removals_last_in_their_team()
    {
        var plan = TeamPlan.Create(File("""
            { "Teams": [ { "Id": "platform", "Name": "Platform Engineering", "SlackChannel": "#platform-alerts", "AwsAccountIds": ["111111111111"],
                "AwsServices": ["Amazon EC2", "Amazon S3"], "AwsTags": [{"env": "prod"}], "OpportunityPriorities": [1, 2],
                "Members": ["alice.admin@example.com", "carol@example.com"] } ] }
            """), Org());
        Assert.Equal(
            "- team data\n" +
            "+ member carol@example.com to platform\n" +
            "- member bob@example.com from platform",
            Lines(plan));
        Assert.Equal([true, false, true], plan.Select(c => c.IsRemoval));
        Assert.Equal(TeamChangeAction.Delete, plan[0].Action);
        Assert.Equal(TeamChangeAction.RemoveMember, plan[2].Action);
        Assert.Equal("u-1002", plan[2].UserId);
    }

    [Fact]
    public void Lists_compare_as_sets_and_emails_and_keys_ignore_case_but_values_do_not()
    {
        var org = Org();
        var plan = TeamPlan.Create(File("""
            { "teams": [
              { "id": "platform", "NAME": "Platform Engineering", "slackchannel": "#platform-alerts", "AwsAccountIds": "111111111111",
                "awsservices": ["Amazon S3", "Amazon EC2"], "AwsTags": {"env": "prod"}, "OpportunityPriorities": [2, 1],
                "Members": ["BOB@example.com", "Alice.Admin@Example.com"] },
              { "Id": "data", "Name": "Data Science", "GcpProjectNames": ["DS-PROD"], "Members": ["carol@example.com"] } ] }
            """), org);
        Assert.Equal("~ team data: GcpProjectNames 'ds-prod' -> 'DS-PROD'", Lines(plan));
    }

    [Fact]
    public void Team_ids_are_case_sensitive_as_in_the_api()
    {
        var plan = TeamPlan.Create(File("""{ "Teams": [ { "Id": "Data", "Name": "Data Science" } ] }"""), new TeamsSnapshot([], Users));
        Assert.Equal("+ team Data", Lines(plan));
        plan = TeamPlan.Create(File("""{ "Teams": [ { "Id": "Data", "Name": "Data Science" } ] }"""),
            new TeamsSnapshot([new TeamDefinition(new Team { Id = "data", Name = "Data Science" }, [])], Users));
        Assert.Equal("+ team Data\n- team data", Lines(plan));
    }

    [Fact]
    public void A_secret_is_managed_only_when_the_file_names_it_and_is_never_shown()
    {
        var org = Org();
        var file = TeamsFile.WriteJson(org.Teams);
        Assert.DoesNotContain("secret-token-1", file, StringComparison.Ordinal);
        Assert.Empty(TeamPlan.Create(TeamsFile.ReadJson(file, "teams.json"), org));

        var plan = TeamPlan.Create(File(file.Replace("\"Id\": \"data\",", "\"Id\": \"data\", \"CustomStreamTokens\": [\"new-secret\"],", StringComparison.Ordinal)), org);
        var change = Assert.Single(plan);
        Assert.Equal("~ team data: CustomStreamTokens (none) -> (1 secret value)", change.Description);
        Assert.DoesNotContain("new-secret", change.NewValue!.ToString(), StringComparison.Ordinal);
        Assert.Equal(["new-secret"], TeamPlan.ToUpdate(plan).CustomStreamTokens!);
    }

    [Fact]
    public void Blank_and_missing_values_are_the_same_as_empty()
    {
        var org = new TeamsSnapshot([new TeamDefinition(new Team { Id = "t", Name = "T", SlackChannel = "", AwsServices = [] }, [])], Users);
        Assert.Empty(TeamPlan.Create(File("""{ "Teams": [ { "Id": "t", "Name": "T", "GcpLabels": [], "SlackChannel": null } ] }"""), org));
    }

    [Fact]
    public void An_unknown_member_email_is_a_file_error_naming_the_team()
    {
        var ex = Assert.Throws<TeamsFileException>(() => TeamPlan.Create(File("""{ "Teams": [ { "Id": "sre", "Name": "SRE", "Members": ["nobody@example.com"] } ] }"""), Org()));
        Assert.Equal("teams.json: team 'sre', key 'Members': no user of the organisation has the email 'nobody@example.com'. Nothing was changed.", ex.Message);
    }

    [Fact]
    public void Steps_put_each_teams_updates_in_one_request_and_members_in_one_per_action()
    {
        var plan = TeamPlan.Create(File("""
            { "Teams": [
              { "Id": "platform", "Name": "Platform", "SlackChannel": "", "Members": ["dan@example.com"] },
              { "Id": "sre", "Name": "SRE", "Members": ["dan@example.com", "carol@example.com"] } ] }
            """), Org());
        var steps = TeamPlan.Steps(plan);
        Assert.Equal(
            ["Delete data", "Update platform x6", "AddMember platform x1", "RemoveMember platform x2", "Create sre", "AddMember sre x2"],
            steps.Select(s => s.Action + " " + s.TeamId + (s.Action is TeamChangeAction.Create or TeamChangeAction.Delete ? string.Empty : " x" + s.Changes.Count)));
        var update = TeamPlan.ToUpdate(steps[1].Changes);
        Assert.Equal("Platform", update.Name);
        Assert.Equal(string.Empty, update.SlackChannel);
        Assert.Equal([], update.AwsServices!);
        Assert.Null(update.GcpProjectNames);
        Assert.Null(update.CustomStreamTokens);
    }

    private static Dictionary<string, object?> PowerShellDataOf(TeamsSnapshot org) => new()
    {
        ["Teams"] = org.Teams.Select(t => new System.Collections.Hashtable
        {
            ["Id"] = t.Id,
            ["Name"] = t.Team.Name,
            ["SlackChannel"] = t.Team.SlackChannel,
            ["AwsAccountIds"] = t.Team.AwsAccountIds?.ToArray(),
            ["AwsServices"] = t.Team.AwsServices?.Cast<object>().ToArray(),
            ["AwsTags"] = t.Team.AwsTags?.Select(m => new System.Collections.Hashtable(m)).ToArray(),
            ["GcpProjectNames"] = t.Team.GcpProjectNames?.ToArray(),
            ["OpportunityPriorities"] = t.Team.OpportunityPriorities?.Cast<object>().ToArray(),
            ["Members"] = t.Members.ToArray(),
        }).ToArray(),
    };
}
