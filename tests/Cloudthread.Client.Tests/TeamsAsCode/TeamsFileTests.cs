using System.Collections;
using Cloudthread.Client.Models;
using Cloudthread.Client.TeamsAsCode;
using static Cloudthread.Client.Tests.TeamsAsCode.TeamsTestData;

namespace Cloudthread.Client.Tests.TeamsAsCode;

public sealed class TeamsFileTests
{
    private static TeamsFileException Rejected(string json) =>
        Assert.Throws<TeamsFileException>(() => TeamsFile.ReadJson(json, "teams.json"));

    [Fact]
    public void An_export_is_stable_sorted_and_leaves_out_empty_fields_and_secrets()
    {
        var org = Org();
        var json = TeamsFile.WriteJson(org.Teams);
        var reordered = new TeamsSnapshot(org.Teams.Reverse(), org.Users);
        Assert.Equal(json, TeamsFile.WriteJson(reordered.Teams));
        Assert.Equal(
            """
            {
              "$schema": "https://raw.githubusercontent.com/cloudthreadps/CloudthreadPS/main/schemas/teams.schema.json",
              "Teams": [
                {
                  "Id": "data",
                  "Name": "Data Science",
                  "GcpProjectNames": [
                    "ds-prod"
                  ],
                  "Members": [
                    "carol@example.com"
                  ]
                },
                {
                  "Id": "platform",
                  "Name": "Platform Engineering",
                  "SlackChannel": "#platform-alerts",
                  "AwsAccountIds": [
                    "111111111111"
                  ],
                  "AwsServices": [
                    "Amazon EC2",
                    "Amazon S3"
                  ],
                  "AwsTags": [
                    {
                      "env": "prod"
                    }
                  ],
                  "OpportunityPriorities": [
                    1,
                    2
                  ],
                  "Members": [
                    "alice.admin@example.com",
                    "bob@example.com"
                  ]
                }
              ]
            }

            """.Replace("\r\n", "\n", StringComparison.Ordinal),
            json);
    }

    [Fact]
    public void A_psd1_export_is_stable_and_escapes_every_quote_PowerShell_knows()
    {
        var team = new Team { Id = "o'neil", Name = "It\u2019s 'quoted'", AwsTags = [new() { ["k'"] = "v\u2018" }], OpportunityPriorities = [3] };
        var text = TeamsFile.WritePowerShellData([new TeamDefinition(team, ["x@example.com"])]);
        Assert.Equal(
            "# Cloudthread teams (Export-CtTeam); the format: Get-Help about_Cloudthread_TeamsAsCode\n" +
            "@{\n" +
            "    Teams = @(\n" +
            "        @{\n" +
            "            Id = 'o''neil'\n" +
            "            Name = 'It\u2019\u2019s ''quoted'''\n" +
            "            AwsTags = @(\n" +
            "                @{ 'k''' = 'v\u2018\u2018' }\n" +
            "            )\n" +
            "            OpportunityPriorities = @(\n" +
            "                3\n" +
            "            )\n" +
            "            Members = @(\n" +
            "                'x@example.com'\n" +
            "            )\n" +
            "        }\n" +
            "    )\n" +
            "}\n",
            text);
    }

    [Fact]
    public void Json_values_round_trip_with_characters_that_need_escaping()
    {
        var team = new Team { Id = "t", Name = "Quote \" back\\slash \u00e9 <tag>", AwsTags = [new() { ["a\"b"] = "line\nbreak" }] };
        var read = TeamsFile.ReadJson(TeamsFile.WriteJson([new TeamDefinition(team, [])]), "teams.json");
        Assert.Equal(team.Name, read.Teams[0].Team.Name);
        Assert.Equal("line\nbreak", read.Teams[0].Team.AwsTags![0]["a\"b"]);
        Assert.Contains("\u00e9 <tag>", TeamsFile.WriteJson([new TeamDefinition(team, [])]), StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_keys_are_errors_naming_the_file_team_and_key()
    {
        var ex = Rejected("""{ "Teams": [ { "Id": "sre", "Name": "SRE", "AwsRegion": ["us-east-1"], "AwsAccountId": ["1"] } ], "Extra": 1 }""");
        Assert.Equal(
            ["key 'Extra': unknown key (a teams file has 'Teams' and, optionally, '$schema')",
             "team 'sre', key 'AwsRegion': unknown key (see about_Cloudthread_TeamsAsCode for the keys)",
             "team 'sre', key 'AwsAccountId': unknown key; did you mean 'AwsAccountIds'?"],
            ex.Issues.Select(i => i.ToString()));
        Assert.Equal("teams.json", ex.FileName);
        Assert.StartsWith("teams.json has 3 problems; nothing was changed:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("  teams.json: team 'sre', key 'AwsRegion': unknown key", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_team_ids_and_keys_are_errors()
    {
        var ex = Rejected("""{ "Teams": [ { "Id": "a", "Name": "A", "Nope": 1 }, { "Id": "b", "Name": "B", "name": "again" }, { "Id": "a", "Name": "A2" } ] }""");
        Assert.Equal(
            ["team 'a', key 'Nope': unknown key (see about_Cloudthread_TeamsAsCode for the keys)",
             "team 'b', key 'name': the key is given more than once",
             "team 'a', key 'Id': duplicate team id (also Teams[0])"],
            ex.Issues.Select(i => i.ToString()));
    }

    [Theory]
    [InlineData("""{ "Id": "t" }""", "team 't', key 'Name': is required")]
    [InlineData("""{ "Name": "T" }""", "Teams[0], key 'Id': is required")]
    [InlineData("""{ "Id": "..", "Name": "T" }""", "team '..', key 'Id': must be a team id (a non-blank string other than '.' or '..'), not '..'")]
    [InlineData("""{ "Id": 7, "Name": "T" }""", "Teams[0], key 'Id': must be a team id (a non-blank string other than '.' or '..'), not 7")]
    [InlineData("""{ "Id": "t", "Name": " " }""", "team 't', key 'Name': must be a non-blank string, not ' '")]
    [InlineData("""{ "Id": "t", "Name": "T", "SlackChannel": ["#a"] }""", "team 't', key 'SlackChannel': must be a string, not an array")]
    [InlineData("""{ "Id": "t", "Name": "T", "AwsServices": ["EC2", ""] }""", "team 't', key 'AwsServices': item 1 must be a non-blank string, not ''")]
    [InlineData("""{ "Id": "t", "Name": "T", "AwsServices": ["EC2", "EC2"] }""", "team 't', key 'AwsServices': 'EC2' is listed more than once")]
    [InlineData("""{ "Id": "t", "Name": "T", "OpportunityPriorities": [1, "2"] }""", "team 't', key 'OpportunityPriorities': item 1 must be an integer, not '2'")]
    [InlineData("""{ "Id": "t", "Name": "T", "OpportunityPriorities": [1.5] }""", "team 't', key 'OpportunityPriorities': item 0 must be an integer, not a number")]
    [InlineData("""{ "Id": "t", "Name": "T", "AwsTags": ["env=prod"] }""", "team 't', key 'AwsTags': item 0 must be an object of names to strings (@{ env = 'prod' }), not 'env=prod'")]
    [InlineData("""{ "Id": "t", "Name": "T", "GcpLabels": [{}] }""", "team 't', key 'GcpLabels': item 0 must be an object of names to strings (@{ env = 'prod' }), not an empty one")]
    [InlineData("""{ "Id": "t", "Name": "T", "CustomDimensions": [{"tier": 1}] }""", "team 't', key 'CustomDimensions': item 0: 'tier' must be a non-blank name with a string value, not 1")]
    [InlineData("""{ "Id": "t", "Name": "T", "Members": ["carol"] }""", "team 't', key 'Members': item 0: 'carol' is not an email address")]
    [InlineData("""{ "Id": "t", "Name": "T", "Members": ["a@x.org", "A@X.org"] }""", "team 't', key 'Members': 'A@X.org' is listed more than once")]
    [InlineData("""[]""", "Teams[0]: must be an object, not an array")]
    public void Invalid_values_are_errors_naming_the_team_and_key(string team, string expected)
    {
        var ex = Rejected("""{ "Teams": [ """ + team + " ] }");
        Assert.Equal(expected, Assert.Single(ex.Issues).ToString());
    }

    [Theory]
    [InlineData("[]", "the file: must hold an object with a 'Teams' list, not an array")]
    [InlineData("{}", "the file: has no 'Teams' list")]
    [InlineData("""{ "Teams": {} }""", "key 'Teams': must be a list of teams, not an object")]
    [InlineData("""{ "Teams": [ """, "line 1, column 14: not valid JSON")]
    public void The_file_must_hold_a_list_of_teams(string json, string expected)
    {
        Assert.StartsWith(expected, Assert.Single(Rejected(json).Issues).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Json_may_have_comments_trailing_commas_and_a_schema()
    {
        var document = TeamsFile.ReadJson("""
            { "$schema": "x", // editors validate with it
              "Teams": [ { "Id": "t", "Name": "T", }, ], }
            """, "teams.json");
        Assert.Equal("t", Assert.Single(document.Teams).Id);
    }

    [Fact]
    public void Psd1_data_reads_like_json_with_single_values_as_lists()
    {
        var data = new Hashtable(StringComparer.OrdinalIgnoreCase)
        {
            ["Teams"] = new object[]
            {
                new Hashtable(StringComparer.OrdinalIgnoreCase)
                {
                    ["Id"] = "sre", ["Name"] = "SRE", ["AwsServices"] = "Amazon EC2", ["OpportunityPriorities"] = 1,
                    ["AwsTags"] = new Hashtable { ["env"] = "prod" }, ["Members"] = "dan@example.com",
                },
            },
        };
        var team = Assert.Single(TeamsFile.ReadData(data, "teams.psd1").Teams);
        Assert.Equal(["Amazon EC2"], team.Team.AwsServices!);
        Assert.Equal([1], team.Team.OpportunityPriorities!);
        Assert.Equal("prod", team.Team.AwsTags![0]["env"]);
        Assert.Equal(["dan@example.com"], team.Members);
        Assert.Null(team.Team.GcpLabels);
        Assert.Null(team.Team.CustomStreamTokens);

        data = new Hashtable { ["Teams"] = new object[] { new Hashtable { ["Id"] = "t", ["Name"] = "T", ["When"] = DateTime.UnixEpoch, ["GcpSkuIds"] = DateTime.UnixEpoch } } };
        var ex = Assert.Throws<TeamsFileException>(() => TeamsFile.ReadData(data, "teams.psd1"));
        Assert.Contains("team 't', key 'GcpSkuIds': item 0 must be a non-blank string, not a DateTime", ex.Issues.Select(i => i.ToString()));
    }

    [Fact]
    public void The_field_list_matches_the_team_model_and_its_wire_names()
    {
        var properties = typeof(Team).GetProperties().Select(p => p.Name).Where(n => n != "Id").ToList();
        Assert.Equal(properties, TeamFields.All.Select(f => f.Name));
        Assert.Equal(TeamFields.All.Skip(2), TeamFields.Filters);
        var update = new TeamUpdate();
        var team = new Team();
        foreach (var field in TeamFields.All)
        {
            Assert.Same(field, TeamFields.Find(field.Name.ToUpperInvariant()));
            object value = field.Kind switch
            {
                TeamFieldKind.Text => "x",
                TeamFieldKind.TextList => new List<string> { "x" },
                TeamFieldKind.IntegerList => new List<int> { 1 },
                _ => new List<Dictionary<string, string>> { new() { ["k"] = "v" } },
            };
            field.SetValue(team, value);
            field.SetValue(update, value);
            Assert.Same(value, field.GetValue(team));
            Assert.Same(value, field.GetValue(update));
            Assert.Same(value, typeof(Team).GetProperty(field.Name)!.GetValue(team));
            Assert.Same(value, typeof(TeamUpdate).GetProperty(field.Name)!.GetValue(update));
        }

        Assert.Throws<ArgumentException>(() => TeamFields.Find("AwsServices")!.SetValue(team, "not a list"));
        Assert.Equal(["CustomStreamTokens"], TeamFields.All.Where(f => f.IsSecret).Select(f => f.Name));
        Assert.Equal("aws_account_ids", TeamFields.Find("AwsAccountIds")!.WireName);
    }
}

public sealed class TeamsSchemaTests
{
    [Fact]
    public void The_schema_in_the_repository_names_every_team_key_and_is_the_one_files_point_to()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "CloudthreadPS.sln")))
        {
            folder = folder.Parent;
        }

        Assert.NotNull(folder);
        using var schema = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(folder!.FullName, "schemas", "teams.schema.json")));
        var team = schema.RootElement.GetProperty("definitions").GetProperty("team").GetProperty("properties");
        Assert.Equal(
            new[] { "Id" }.Concat(TeamFields.All.Select(f => f.Name)).Append("Members"),
            team.EnumerateObject().Select(p => p.Name));
        Assert.Equal(TeamsFile.SchemaUri, schema.RootElement.GetProperty("$id").GetString());
    }
}
