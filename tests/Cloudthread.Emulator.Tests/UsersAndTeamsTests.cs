using Cloudthread.Emulator.Tests.Infrastructure;

namespace Cloudthread.Emulator.Tests;

public sealed class UsersAndTeamsTests : IAsyncLifetime
{
    private TestEmulator _emu = null!;

    public async Task InitializeAsync() => _emu = await TestEmulator.StartAsync();

    public async Task DisposeAsync() => await _emu.DisposeAsync();

    private static List<string> Ids(ApiResult result) => result.Json.EnumerateArray().Select(u => u.GetProperty("id").GetString()!).ToList();

    [Fact]
    public async Task A_team_id_path_is_decoded_once()
    {
        Assert.Equal(200, (await _emu.PostAsync("/teams", new { id = "cost%20center", name = "Percent" })).Code);
        Assert.Equal(200, (await _emu.PostAsync("/teams", new { id = "A", name = "Plain A" })).Code);

        var read = await _emu.GetAsync("/teams/cost%2520center");
        Assert.Equal(200, read.Code);
        Assert.Equal("cost%20center", read.Json.GetProperty("id").GetString());
        Assert.Equal(404, (await _emu.GetAsync("/teams/%2541")).Code);
        Assert.Equal("A", (await _emu.GetAsync("/teams/%41")).Json.GetProperty("id").GetString());
        Assert.Equal(204, (await _emu.SendAsync(HttpMethod.Delete, "/teams/cost%2520center", null)).Code);
        Assert.Equal(404, (await _emu.GetAsync("/teams/cost%2520center")).Code);
    }

    [Fact]
    public async Task Demo_users_have_ids_emails_names_and_roles()
    {
        var users = (await _emu.GetAsync("/users")).Json.EnumerateArray().ToList();
        Assert.Equal(["u-1001", "u-1002", "u-1003", "u-1004", "u-1005"], users.Select(u => u.GetProperty("id").GetString()));
        Assert.Equal("alice.admin@example.com", users[0].GetProperty("email").GetString());
        Assert.Equal("Admin", users[0].GetProperty("role").GetString());
        Assert.Equal("Member", users[1].GetProperty("role").GetString());
    }

    [Fact]
    public async Task Creating_a_user_answers_201_and_adds_to_the_team()
    {
        var created = await _emu.PostAsync("/users", new { email = "new@example.com", name = "New Person", role = "Member", team_id = 42 });
        Assert.Equal(201, created.Code);
        Assert.Equal("u-1006", created.Json.GetProperty("id").GetString());
        Assert.Contains("u-1006", Ids(await _emu.GetAsync("/users")));
        Assert.Equal(["u-1006"], Ids(await _emu.GetAsync("/teams/42/members")));

        var duplicate = await _emu.PostAsync("/users", new { email = "NEW@example.com", name = "Again", role = "Admin" });
        Assert.Equal(400, duplicate.Code);
        Assert.Equal("email", Assert.Single(duplicate.Details).Path);
    }

    [Fact]
    public async Task User_creation_is_validated()
    {
        var result = await _emu.PostAsync("/users", new { email = "not-an-email", role = "Owner" });
        Assert.Equal(400, result.Code);
        Assert.Equal(["email", "name", "role"], result.Details.Select(d => d.Path));
        var noTeam = await _emu.PostAsync("/users", new { email = "x@example.com", name = "X", role = "Admin", team_id = "ghost" });
        Assert.Equal(404, noTeam.Code);
        Assert.Equal("TeamNotFound", noTeam.ErrorCode);
        Assert.DoesNotContain("x@example.com", (await _emu.GetAsync("/users")).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Teams_lifecycle_create_get_patch_delete()
    {
        var created = await _emu.PostAsync("/teams", new { id = "sre", name = "SRE", slack_channel = "#finops", aws_region_names = new[] { "us-east-1" }, unknown = 1 });
        Assert.Equal(200, created.Code);
        Assert.Equal("SRE", created.Json.GetProperty("name").GetString());
        Assert.Equal("us-east-1", created.Json.GetProperty("aws_region_names")[0].GetString());
        Assert.False(created.Json.TryGetProperty("unknown", out _));

        Assert.Equal(400, (await _emu.PostAsync("/teams", new { id = "sre", name = "Again" })).Code);
        Assert.Equal("SRE", (await _emu.GetAsync("/teams/sre")).Json.GetProperty("name").GetString());

        var patched = await _emu.SendAsync(HttpMethod.Patch, "/teams/sre", new { id = "other-id", name = "Site Reliability" });
        Assert.Equal(200, patched.Code);
        Assert.Equal("sre", patched.Json.GetProperty("id").GetString());
        Assert.Equal("Site Reliability", patched.Json.GetProperty("name").GetString());
        Assert.Equal(0, patched.Json.GetProperty("aws_region_names").GetArrayLength());
        Assert.False(patched.Json.TryGetProperty("slack_channel", out _));
        Assert.Equal(404, (await _emu.GetAsync("/teams/other-id")).Code);

        var noName = await _emu.SendAsync(HttpMethod.Patch, "/teams/sre", new { id = "sre" });
        Assert.Equal(400, noName.Code);
        Assert.Equal("name", Assert.Single(noName.Details).Path);

        Assert.Equal(204, (await _emu.SendAsync(HttpMethod.Delete, "/teams/sre", null)).Code);
        var gone = await _emu.GetAsync("/teams/sre");
        Assert.Equal(404, gone.Code);
        Assert.Equal("TeamNotFound", gone.ErrorCode);
        Assert.Equal(404, (await _emu.SendAsync(HttpMethod.Delete, "/teams/sre", null)).Code);
        Assert.Equal(404, (await _emu.SendAsync(HttpMethod.Patch, "/teams/sre", new { id = "sre", name = "x" })).Code);
    }

    [Fact]
    public async Task Unknown_slack_channel_is_404_and_nothing_is_created()
    {
        var result = await _emu.PostAsync("/teams", new { id = "slacky", name = "Slacky", slack_channel = "#nowhere" });
        Assert.Equal(404, result.Code);
        Assert.Equal("SlackChannelNotFound", result.ErrorCode);
        Assert.Equal(404, (await _emu.GetAsync("/teams/slacky")).Code);
    }

    [Fact]
    public async Task Team_fields_with_wrong_types_are_400_with_paths()
    {
        var result = await _emu.PostAsync("/teams", """{"id":5,"name":"","aws_account_ids":"111","aws_tags":[1],"opportunity_priorities":["high"]}""");
        Assert.Equal(400, result.Code);
        Assert.Equal(["id", "name", "aws_account_ids", "aws_tags[0]", "opportunity_priorities[0]"], result.Details.Select(d => d.Path));
    }

    [Fact]
    public async Task Members_are_assigned_and_removed_all_or_nothing()
    {
        Assert.Equal(["u-1001", "u-1002"], Ids(await _emu.GetAsync("/teams/platform/members")));
        var assigned = await _emu.PostAsync("/teams/platform/members/assign", new { users_ids = new[] { "u-1004", "u-1002" } });
        Assert.Equal(["u-1001", "u-1002", "u-1004"], Ids(assigned));

        var unknown = await _emu.PostAsync("/teams/platform/members/assign", new { users_ids = new[] { "u-1005", "u-9999" } });
        Assert.Equal(404, unknown.Code);
        Assert.Equal("UserNotFound", unknown.ErrorCode);
        Assert.Equal(["u-1001", "u-1002", "u-1004"], Ids(await _emu.GetAsync("/teams/platform/members")));

        var removed = await _emu.PostAsync("/teams/platform/members/delete", new { users_ids = new[] { "u-1001", "u-1003" } });
        Assert.Equal(["u-1002", "u-1004"], Ids(removed));

        Assert.Equal(400, (await _emu.PostAsync("/teams/platform/members/assign", new { })).Code);
        Assert.Equal(400, (await _emu.PostAsync("/teams/platform/members/assign", new { users_ids = "u-1001" })).Code);
        Assert.Equal("TeamNotFound", (await _emu.PostAsync("/teams/ghost/members/assign", new { users_ids = new[] { "u-1001" } })).ErrorCode);
        Assert.Equal("TeamNotFound", (await _emu.GetAsync("/teams/ghost/members")).ErrorCode);
    }

    [Fact]
    public async Task Escaped_team_ids_in_the_path_are_decoded()
    {
        Assert.Equal(200, (await _emu.PostAsync("/teams", new { id = "a b/c", name = "Odd" })).Code);
        var result = await _emu.GetAsync("/teams/" + Uri.EscapeDataString("a b/c"));
        Assert.Equal(200, result.Code);
        Assert.Equal("a b/c", result.Json.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Opportunities_filters_combine_with_and()
    {
        var all = await _emu.PostAsync("/cost-optimization/opportunities/list", null);
        Assert.Equal(12, all.Json.GetArrayLength());
        Assert.Equal(12, (await _emu.PostAsync("/cost-optimization/opportunities/list", new { })).Json.GetArrayLength());

        var open = await _emu.PostAsync("/cost-optimization/opportunities/list", new { status = "Open" });
        Assert.All(open.Json.EnumerateArray(), o => Assert.Equal("Open", o.GetProperty("status").GetString()));
        Assert.Equal(2, open.Json.GetArrayLength());

        var combined = await _emu.PostAsync("/cost-optimization/opportunities/list", new { source = "Cloudthread", priority = 1 });
        var ids = combined.Json.EnumerateArray().Select(o => o.GetProperty("id").GetInt32()).ToList();
        Assert.Equal([1, 4, 7, 10], ids);

        var tagged = await _emu.PostAsync("/cost-optimization/opportunities/list", new { tags = new[] { new { Key = "environment", Value = "staging" } }, region = "us-east-1" });
        Assert.Equal([6, 12], tagged.Json.EnumerateArray().Select(o => o.GetProperty("id").GetInt32()));

        var dated = await _emu.PostAsync("/cost-optimization/opportunities/list", new { last_detected_start_date = "2026-01-25", last_detected_end_date = "2026-01-26" });
        Assert.Equal([6, 7], dated.Json.EnumerateArray().Select(o => o.GetProperty("id").GetInt32()));

        var withoutDetails = await _emu.PostAsync("/cost-optimization/opportunities/list", new { details = false });
        Assert.Equal([4, 8, 12], withoutDetails.Json.EnumerateArray().Select(o => o.GetProperty("id").GetInt32()));

        var withThread = await _emu.PostAsync("/cost-optimization/opportunities/list", new { thread_id = 502 });
        Assert.Equal(2, Assert.Single(withThread.Json.EnumerateArray()).GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task Opportunities_filter_types_are_validated()
    {
        var result = await _emu.PostAsync("/cost-optimization/opportunities/list", new { priority = "high", code_automation = "yes", last_detected_start_date = "Jan 1" });
        Assert.Equal(400, result.Code);
        Assert.Equal(["code_automation", "priority", "last_detected_start_date"], result.Details.Select(d => d.Path));
    }
}
