using Cloudthread.PowerShell.Tests.Infrastructure;

namespace Cloudthread.PowerShell.Tests;

/// <summary>The cmdlets' declared surface, read from the built assembly: names, output types, ShouldProcess, pipeline binding.</summary>
public sealed class CmdletShapeTests : IClassFixture<CmdletAssembly>
{
    /// <summary>The approved verbs (Get-Verb, PowerShell 7).</summary>
    private static readonly HashSet<string> ApprovedVerbs = new(StringComparer.Ordinal)
    {
        // Common
        "Add", "Clear", "Close", "Copy", "Enter", "Exit", "Find", "Format", "Get", "Hide", "Join", "Lock", "Move", "New", "Open",
        "Optimize", "Pop", "Push", "Redo", "Remove", "Rename", "Reset", "Resize", "Search", "Select", "Set", "Show", "Skip",
        "Split", "Step", "Switch", "Undo", "Unlock", "Watch",
        // Communications
        "Connect", "Disconnect", "Read", "Receive", "Send", "Write",
        // Data
        "Backup", "Checkpoint", "Compare", "Compress", "Convert", "ConvertFrom", "ConvertTo", "Dismount", "Edit", "Expand",
        "Export", "Group", "Import", "Initialize", "Limit", "Merge", "Mount", "Out", "Publish", "Restore", "Save", "Sync",
        "Unpublish", "Update",
        // Diagnostic
        "Debug", "Measure", "Ping", "Repair", "Resolve", "Test", "Trace",
        // Lifecycle
        "Approve", "Assert", "Build", "Complete", "Confirm", "Deny", "Deploy", "Disable", "Enable", "Install", "Invoke",
        "Register", "Request", "Restart", "Resume", "Start", "Stop", "Submit", "Suspend", "Uninstall", "Unregister", "Wait",
        // Security
        "Block", "Grant", "Protect", "Revoke", "Unblock", "Unprotect",
        // Other
        "Use",
    };

    /// <summary>Verbs that change state on the server: these cmdlets must honour -WhatIf/-Confirm.</summary>
    private static readonly HashSet<string> ChangingVerbs = new(StringComparer.Ordinal) { "Add", "New", "Set", "Remove", "Send", "Invoke" };

    /// <summary>Cmdlets that never call the API (no -ApiKey/-BaseUri for one call).</summary>
    private static readonly HashSet<string> SessionCmdlets = new(StringComparer.Ordinal) { "Connect-Cloudthread", "Disconnect-Cloudthread", "Get-CtConnection" };

    private readonly CmdletAssembly _assembly;

    public CmdletShapeTests(CmdletAssembly assembly) => _assembly = assembly;

    [Fact]
    public void The_assembly_holds_the_whole_surface()
    {
        var names = _assembly.Cmdlets.Select(c => c.Name).ToHashSet();
        string[] expected =
        {
            "Connect-Cloudthread", "Disconnect-Cloudthread", "Get-CtConnection", "Add-CtEvent", "Get-CtTagCatalog", "Get-CtMetric",
            "Get-CtUser", "New-CtUser", "Get-CtTeam", "New-CtTeam", "Set-CtTeam", "Remove-CtTeam", "Get-CtTeamMember",
            "Add-CtTeamMember", "Remove-CtTeamMember", "Get-CtSavingsOpportunity", "Invoke-CtApiRequest",
        };
        var missing = expected.Where(e => !names.Contains(e)).ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void Every_cmdlet_uses_an_approved_verb()
    {
        Assert.Empty(_assembly.Cmdlets.Where(c => !ApprovedVerbs.Contains(c.Verb)).Select(c => c.Name));
    }

    [Fact]
    public void Every_cmdlet_noun_carries_the_module_prefix()
    {
        Assert.Empty(_assembly.Cmdlets
            .Where(c => c.Noun != "Cloudthread" && !(c.Noun.StartsWith("Ct", StringComparison.Ordinal) && c.Noun.Length > 2 && char.IsUpper(c.Noun[2])))
            .Select(c => c.Name));
    }

    [Fact]
    public void Every_cmdlet_class_is_public_sealed_and_named_after_its_cmdlet()
    {
        Assert.Empty(_assembly.Cmdlets
            .Where(c => !c.Type.IsPublic || !c.Type.IsSealed || c.Type.Name != c.Verb + c.Noun + "Command")
            .Select(c => c.Type.FullName));
    }

    [Fact]
    public void Every_cmdlet_declares_its_output_type()
    {
        Assert.Empty(_assembly.Cmdlets.Where(c => c.OutputTypes.Count == 0).Select(c => c.Name));
    }

    [Fact]
    public void Every_cmdlet_that_changes_state_supports_ShouldProcess()
    {
        var changing = _assembly.Cmdlets.Where(c => ChangingVerbs.Contains(c.Verb)).ToList();
        Assert.NotEmpty(changing);
        Assert.Empty(changing.Where(c => !c.SupportsShouldProcess).Select(c => c.Name));
    }

    [Fact]
    public void Removals_have_high_confirm_impact()
    {
        var removals = _assembly.Cmdlets.Where(c => c.Verb == "Remove").ToList();
        Assert.Equal(new[] { "Remove-CtTeam", "Remove-CtTeamMember" }, removals.Select(c => c.Name).OrderBy(n => n, StringComparer.Ordinal));
        Assert.All(removals, c => Assert.Equal(3, c.ConfirmImpact));
    }

    [Fact]
    public void Read_only_cmdlets_do_not_claim_ShouldProcess()
    {
        Assert.Empty(_assembly.Cmdlets.Where(c => c.Verb == "Get" && c.SupportsShouldProcess).Select(c => c.Name));
    }

    [Fact]
    public void Every_api_cmdlet_takes_a_one_call_api_key_and_base_uri()
    {
        foreach (var cmdlet in _assembly.Cmdlets.Where(c => !SessionCmdlets.Contains(c.Name)))
        {
            Assert.Equal("System.Security.SecureString", cmdlet.Parameter("ApiKey").Property.PropertyType.FullName);
            Assert.Equal("System.Uri", cmdlet.Parameter("BaseUri").Property.PropertyType.FullName);
        }
    }

    [Fact]
    public void A_team_piped_in_binds_its_id_to_TeamId()
    {
        var team = PropertiesOf("Cloudthread.Client.Models.Team");
        foreach (var name in new[] { "Get-CtTeamMember", "Set-CtTeam", "Remove-CtTeam" })
        {
            var bound = _assembly.Cmdlet(name).BindsByPropertyName(team);
            Assert.True(bound.TryGetValue("TeamId", out var property), name + " does not bind a team's Id to -TeamId");
            Assert.Equal("Id", property);
        }
    }

    [Fact]
    public void A_team_piped_into_Set_CtTeam_binds_only_its_id_so_only_the_given_fields_change()
    {
        var bound = _assembly.Cmdlet("Set-CtTeam").BindsByPropertyName(PropertiesOf("Cloudthread.Client.Models.Team"));
        Assert.Equal(new[] { "TeamId" }, bound.Keys);
    }

    [Theory]
    [InlineData("Add-CtTeamMember")]
    [InlineData("Remove-CtTeamMember")]
    public void A_user_piped_in_binds_its_id_to_UserId_and_leaves_TeamId_to_the_command_line(string name)
    {
        var cmdlet = _assembly.Cmdlet(name);
        var bound = cmdlet.BindsByPropertyName(PropertiesOf("Cloudthread.Client.Models.User"));
        Assert.Equal("Id", bound["UserId"]);
        Assert.False(bound.ContainsKey("TeamId"), name + " would take a user's property as the team id");
        Assert.DoesNotContain("Id", cmdlet.Parameter("TeamId").Aliases, StringComparer.OrdinalIgnoreCase);
        Assert.True(cmdlet.Parameter("TeamId").ValueFromPipelineByPropertyName);
    }

    [Fact]
    public void A_team_member_piped_in_binds_both_its_team_and_its_id()
    {
        // Get-CtTeamMember adds a TeamId note property to each user.
        var member = PropertiesOf("Cloudthread.Client.Models.User").Append("TeamId");
        var bound = _assembly.Cmdlet("Remove-CtTeamMember").BindsByPropertyName(member);
        Assert.Equal("TeamId", bound["TeamId"]);
        Assert.Equal("Id", bound["UserId"]);
    }

    [Fact]
    public void Csv_columns_bind_to_Add_CtEvent()
    {
        var bound = _assembly.Cmdlet("Add-CtEvent").BindsByPropertyName(new[] { "Type", "Description", "EventUrl", "TeamId", "Timestamp" });
        Assert.Equal(new[] { "Description", "TeamId", "Timestamp", "Type", "Url" }, bound.Keys.OrderBy(k => k, StringComparer.Ordinal));
    }

    [Fact]
    public void Catalog_keys_bind_from_the_pipeline_by_value_and_by_property_name()
    {
        var key = _assembly.Cmdlet("Get-CtTagCatalog").Parameter("CatalogKey");
        Assert.True(key.ValueFromPipeline);
        Assert.True(key.ValueFromPipelineByPropertyName);
        Assert.Equal("CatalogKey", _assembly.Cmdlet("Get-CtTagCatalog").BindsByPropertyName(PropertiesOf("Cloudthread.Client.Models.TagCatalogEntry"))["CatalogKey"]);
    }

    [Fact]
    public void Get_CtMetric_has_one_parameter_set_per_kind_of_metric()
    {
        var metric = _assembly.Cmdlet("Get-CtMetric");
        Assert.Equal(new[] { "CostView" }, metric.Parameter("CostViewId").ParameterSets);
        Assert.Equal(new[] { "UnitMetric" }, metric.Parameter("UnitMetricId").ParameterSets);
        Assert.True(metric.Parameter("CostViewId").Mandatory);
        Assert.True(metric.Parameter("UnitMetricId").Mandatory);
        Assert.Equal("System.DateTime", metric.Parameter("Start").Property.PropertyType.FullName);
        Assert.Equal("System.DateTime", metric.Parameter("End").Property.PropertyType.FullName);
        Assert.True(metric.Parameter("Granularity").Property.PropertyType.IsEnum);
        var outputs = metric.OutputTypeTypes().Select(t => t.FullName).ToHashSet();
        Assert.Contains("Cloudthread.Client.Models.CostViewDataPoint", outputs);
        Assert.Contains("Cloudthread.Client.Models.UnitMetricDataPoint", outputs);
    }

    [Theory]
    [InlineData("Get-CtUser", "Email")]
    [InlineData("Get-CtUser", "Name")]
    [InlineData("Get-CtTeam", "Id")]
    public void Filters_accept_wildcards(string cmdlet, string parameter)
    {
        Assert.Contains("SupportsWildcardsAttribute", _assembly.Cmdlet(cmdlet).Parameter(parameter).OtherAttributes);
    }

    [Fact]
    public void Team_id_parameters_complete_team_ids()
    {
        var teamIdParameters = _assembly.Cmdlets
            .SelectMany(c => c.Parameters.Where(p => p.Name == "TeamId" || (c.Noun == "CtTeam" && c.Verb == "Get" && p.Name == "Id")))
            .ToList();
        Assert.True(teamIdParameters.Count >= 8);
        Assert.All(teamIdParameters, p => Assert.Equal("TeamIdCompleter", p.CompleterType?.Name));
    }

    [Fact]
    public void Metric_id_parameters_complete_ids_seen_on_the_connection()
    {
        var metric = _assembly.Cmdlet("Get-CtMetric");
        Assert.Equal("MetricIdCompleter", metric.Parameter("CostViewId").CompleterType?.Name);
        Assert.Equal("MetricIdCompleter", metric.Parameter("UnitMetricId").CompleterType?.Name);
    }

    [Fact]
    public void Every_completer_is_a_public_sealed_IArgumentCompleter_PowerShell_can_create()
    {
        var completers = _assembly.Cmdlets.SelectMany(c => c.Parameters).Select(p => p.CompleterType).OfType<Type>().Distinct().ToList();
        Assert.NotEmpty(completers);
        Assert.All(completers, t =>
        {
            Assert.True(t.IsPublic && t.IsSealed, t.FullName);
            Assert.Contains(t.GetInterfaces(), i => i.FullName == "System.Management.Automation.IArgumentCompleter");
            Assert.NotNull(t.GetConstructor(Type.EmptyTypes));
        });
    }

    [Fact]
    public void Enumerations_are_typed_or_validated()
    {
        Assert.True(_assembly.Cmdlet("New-CtUser").Parameter("Role").Property.PropertyType.IsEnum);
        Assert.True(_assembly.Cmdlet("Connect-Cloudthread").Parameter("TimestampFormat").Property.PropertyType.IsEnum);
        Assert.Contains("ValidateSetAttribute", _assembly.Cmdlet("Invoke-CtApiRequest").Parameter("Method").OtherAttributes);
    }

    [Fact]
    public void Connect_Cloudthread_takes_secrets_only_as_SecureString()
    {
        var connect = _assembly.Cmdlet("Connect-Cloudthread");
        Assert.Equal("System.Security.SecureString", connect.Parameter("ApiKey").Property.PropertyType.FullName);
        Assert.Equal("System.Security.SecureString", connect.Parameter("DataStreamToken").Property.PropertyType.FullName);
        Assert.Equal("System.Management.Automation.PSCredential", connect.Parameter("ProxyCredential").Property.PropertyType.FullName);
        Assert.Equal(new[] { "Vault" }, connect.Parameter("Vault").ParameterSets);
        Assert.Equal(new[] { "Vault" }, connect.Parameter("SecretName").ParameterSets);
    }

    [Fact]
    public void Nothing_prompts_for_a_secret_so_runbooks_never_hang()
    {
        // A mandatory key would prompt when omitted; [Credential] prompts when given a user name.
        Assert.False(_assembly.Cmdlet("Connect-Cloudthread").Parameter("ApiKey").Mandatory);
        var prompting = _assembly.Cmdlets.SelectMany(c => c.Parameters
            .Where(p => p.OtherAttributes.Contains("CredentialAttribute") || (p.Mandatory && p.Property.PropertyType.FullName == "System.Security.SecureString"))
            .Select(p => c.Name + " -" + p.Name)).ToList();
        Assert.Empty(prompting);
    }

    /// <summary>The common parameters and their aliases (about_CommonParameters): a cmdlet parameter or alias may not reuse one.</summary>
    private static readonly string[] CommonParameterNames =
    {
        "Verbose", "vb", "Debug", "db", "ErrorAction", "ea", "WarningAction", "wa", "InformationAction", "infa", "ProgressAction", "proga",
        "ErrorVariable", "ev", "WarningVariable", "wv", "InformationVariable", "iv", "OutVariable", "ov", "OutBuffer", "ob",
        "PipelineVariable", "pv", "WhatIf", "wi", "Confirm", "cf",
    };

    [Fact]
    public void Parameter_names_and_aliases_are_unique_per_cmdlet()
    {
        // PowerShell refuses to build the metadata of a cmdlet (MetadataException at first use, not at import) when two
        // parameters, or a parameter and a common parameter, share a name or alias, case-insensitively.
        var clashes = _assembly.Cmdlets.SelectMany(c => c.Parameters
                .SelectMany(p => new[] { p.Name }.Concat(p.Aliases))
                .Concat(CommonParameterNames)
                .GroupBy(n => n, StringComparer.OrdinalIgnoreCase)
                .Where(g => g.Count() > 1)
                .Select(g => c.Name + " -" + g.Key))
            .ToList();
        Assert.Empty(clashes);
    }

    [Fact]
    public void No_two_parameters_of_one_set_share_a_position()
    {
        var clashes = new List<string>();
        foreach (var cmdlet in _assembly.Cmdlets)
        {
            var declared = cmdlet.Parameters
                .SelectMany(p => p.Declarations.Select(d => (Parameter: p.Name, Set: CmdletInfo.Named(d, "ParameterSetName") as string ?? "__AllParameterSets", Position: CmdletInfo.Named(d, "Position") as int?)))
                .Where(d => d.Position is not null)
                .ToList();
            var sets = declared.Select(d => d.Set).Where(s => s != "__AllParameterSets").Distinct().DefaultIfEmpty("__AllParameterSets");
            foreach (var set in sets)
            {
                clashes.AddRange(declared
                    .Where(d => d.Set == set || d.Set == "__AllParameterSets")
                    .GroupBy(d => d.Position)
                    .Where(g => g.Select(d => d.Parameter).Distinct().Count() > 1)
                    .Select(g => cmdlet.Name + " (" + set + ") position " + g.Key + ": " + string.Join(", ", g.Select(d => d.Parameter))));
            }
        }

        Assert.Empty(clashes);
    }

    private IEnumerable<string> PropertiesOf(string clientType) =>
        _assembly.ClientType(clientType).GetProperties().Select(p => p.Name);
}
