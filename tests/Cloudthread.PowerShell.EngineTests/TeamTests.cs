using System.Management.Automation;
using System.Net;
using Cloudthread.PowerShell.EngineTests.Infrastructure;

namespace Cloudthread.PowerShell.EngineTests;

/// <summary>Teams and members through the real engine: pipeline binding, ShouldProcess, per-item errors.</summary>
public sealed class TeamTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>, IAsyncLifetime
{
    private const string RemoveCtTeamClass = "Cloudthread.PowerShell.Cmdlets.RemoveCtTeamCommand";

    public Task InitializeAsync() => emulator.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public void Get_CtTeam_writes_typed_teams()
    {
        using var session = Connected();

        var result = session.Run("Get-CtTeam");

        result.AssertNoErrors();
        Assert.All(result.Output, t => Assert.Equal("Cloudthread.Client.Models.Team", t.TypeNames[0]));
        Assert.Equal(["42", "data", "platform"], result.Output.Select(t => (string)t.Properties["Id"].Value).Order(StringComparer.Ordinal));
        var platform = result.Output.Single(t => (string)t.Properties["Id"].Value == "platform");
        Assert.Equal("Platform Engineering", platform.Properties["Name"].Value);
        Assert.Contains("111111111111", (IEnumerable<string>)platform.Properties["AwsAccountIds"].Value);
    }

    [Fact]
    public void A_team_piped_to_Get_CtTeamMember_binds_its_id()
    {
        using var session = Connected();

        var result = session.Run("Get-CtTeam platform | Get-CtTeamMember");

        result.AssertNoErrors();
        Assert.All(result.Output, u =>
        {
            // A user decorated as a member of the team it was listed for.
            Assert.Equal("Cloudthread.TeamMember", u.TypeNames[0]);
            Assert.Contains("Cloudthread.Client.Models.User", u.TypeNames);
            Assert.Equal("platform", u.Properties["TeamId"].Value);
        });
        Assert.Equal(["u-1001", "u-1002"], result.Output.Select(u => (string)u.Properties["Id"].Value));
    }

    [Fact]
    public async Task A_user_piped_to_Add_CtTeamMember_joins_the_team()
    {
        using var session = Connected();

        var result = session.Run("Get-CtUser -Email carol@example.com | Add-CtTeamMember -TeamId platform; Get-CtTeamMember platform");

        result.AssertNoErrors();
        Assert.Contains("carol@example.com", result.Output.Select(u => (string)u.Properties["Email"].Value));
        Assert.Equal(["u-1001", "u-1002", "u-1003"], await emulator.TeamMemberIdsAsync("platform"));
    }

    [Fact]
    public async Task New_Set_and_Remove_CtTeam_change_the_org()
    {
        using var session = Connected();

        var created = session.Run("New-CtTeam -Id engine-t -Name 'Engine Team' -SlackChannel '#finops'");
        created.AssertNoErrors();
        var team = Assert.Single(created.Output);
        Assert.Equal("Cloudthread.Client.Models.Team", team.TypeNames[0]);
        Assert.Equal("engine-t", team.Properties["Id"].Value);
        var (status, body) = await emulator.GetApiAsync("teams/engine-t");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Engine Team", body.GetProperty("name").GetString());
        Assert.Equal("#finops", body.GetProperty("slack_channel").GetString());

        session.Run("Set-CtTeam -TeamId engine-t -Name 'Engine Team 2'").AssertNoErrors();
        (status, body) = await emulator.GetApiAsync("teams/engine-t");
        Assert.Equal("Engine Team 2", body.GetProperty("name").GetString());

        session.Run("Remove-CtTeam engine-t -Confirm:$false").AssertNoErrors();
        (status, _) = await emulator.GetApiAsync("teams/engine-t");
        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task WhatIf_changes_nothing()
    {
        using var session = Connected();

        var result = session.Run(
            "New-CtTeam -Id whatif-t -Name 'What If' -WhatIf; Set-CtTeam -TeamId platform -Name 'Renamed' -WhatIf; Remove-CtTeam platform -WhatIf");

        result.AssertNoErrors();
        Assert.Empty(result.Output);
        Assert.Equal(HttpStatusCode.NotFound, (await emulator.GetApiAsync("teams/whatif-t")).Status);
        var (status, platform) = await emulator.GetApiAsync("teams/platform");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Platform Engineering", platform.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Remove_CtTeam_of_an_unknown_id_is_a_non_terminating_TeamNotFound_and_the_rest_go_on()
    {
        using var session = Connected();

        var result = session.Run("Remove-CtTeam -TeamId no-such-team, data -Confirm:$false; 'continued'");

        Assert.Null(result.Terminating);
        var error = Assert.Single(result.Errors);
        Assert.Equal($"TeamNotFound,{RemoveCtTeamClass}", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal("no-such-team", error.TargetObject);
        Assert.Equal("continued", Assert.Single(result.Output).BaseObject);
        Assert.Equal(HttpStatusCode.NotFound, (await emulator.GetApiAsync("teams/data")).Status);
    }

    [Fact]
    public void A_malformed_wildcard_is_a_non_terminating_InvalidWildcardPattern_and_the_other_patterns_still_apply()
    {
        using var session = Connected();

        var result = session.Run("Get-CtTeam -Id '[pl', 'data'; Get-CtUser -Name '[x'; 'continued'");

        Assert.Null(result.Terminating);
        Assert.Equal(["data", "continued"], result.Output.Select(o => o.BaseObject is string text ? text : (string)o.Properties["Id"].Value));
        Assert.Equal(2, result.Errors.Count);
        Assert.Equal("InvalidWildcardPattern,Cloudthread.PowerShell.Cmdlets.GetCtTeamCommand", result.Errors[0].FullyQualifiedErrorId);
        Assert.Equal("InvalidWildcardPattern,Cloudthread.PowerShell.Cmdlets.GetCtUserCommand", result.Errors[1].FullyQualifiedErrorId);
        Assert.All(result.Errors, e => Assert.Equal(ErrorCategory.InvalidArgument, e.CategoryInfo.Category));
        Assert.Equal("[pl", result.Errors[0].TargetObject);
        Assert.Contains("-Id '[pl' is not a valid wildcard pattern", result.Errors[0].ToString(), StringComparison.Ordinal);
        Assert.Contains("-Name '[x'", result.Errors[1].ToString(), StringComparison.Ordinal);
    }

    private EngineSession Connected()
    {
        var session = new EngineSession(emulator);
        session.Connect();
        return session;
    }
}
