using Cloudthread.Emulator.Tests.Infrastructure;

namespace Cloudthread.Emulator.Tests;

public sealed class AuthAndRoutingTests(SharedEmulator shared) : IClassFixture<SharedEmulator>
{
    private TestEmulator Emu => shared.Emulator;

    [Fact]
    public async Task Missing_key_is_401_Unauthorized()
    {
        var result = await Emu.GetAsync("/users", apiKey: null);
        Assert.Equal(401, result.Code);
        Assert.Equal("Unauthorized", result.ErrorCode);
    }

    [Fact]
    public async Task Unknown_key_is_401_and_the_key_is_not_echoed()
    {
        var result = await Emu.GetAsync("/users", apiKey: "secret-wrong-key-123");
        Assert.Equal(401, result.Code);
        Assert.DoesNotContain("secret-wrong-key-123", result.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Header_name_is_case_insensitive()
    {
        var result = await Emu.SendAsync(HttpMethod.Get, "/users", null, apiKey: null,
            customize: r => r.Headers.TryAddWithoutValidation("X-API-KEY", EmulatorOptions.DemoApiKey));
        Assert.Equal(200, result.Code);
    }

    [Fact]
    public async Task Read_only_key_reads_but_may_not_write()
    {
        Assert.Equal(200, (await Emu.GetAsync("/teams", EmulatorOptions.DemoReadOnlyApiKey)).Code);
        Assert.Equal(200, (await Emu.PostAsync("/cost-optimization/opportunities/list", new { }, EmulatorOptions.DemoReadOnlyApiKey)).Code);
        var write = await Emu.PostAsync("/teams", new { id = "ro", name = "Read only" }, EmulatorOptions.DemoReadOnlyApiKey);
        Assert.Equal(403, write.Code);
        Assert.Equal("Forbidden", write.ErrorCode);
        Assert.Equal(404, (await Emu.GetAsync("/teams/ro")).Code);
    }

    [Fact]
    public async Task Unknown_path_is_404_NotFound_with_error_body()
    {
        var result = await Emu.GetAsync("/no/such/path");
        Assert.Equal(404, result.Code);
        Assert.Equal("NotFound", result.ErrorCode);
    }

    [Fact]
    public async Task Wrong_method_is_405_with_Allow()
    {
        var result = await Emu.SendAsync(HttpMethod.Delete, "/users", null);
        Assert.Equal(405, result.Code);
        Assert.Equal("MethodNotAllowed", result.ErrorCode);
        Assert.Contains("GET", result.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Legacy_api_prefix_is_accepted()
    {
        var result = await Emu.GetAsync("/api/users");
        Assert.Equal(200, result.Code);
        Assert.Equal(5, result.Json.GetArrayLength());
    }

    [Fact]
    public async Task Served_contract_fixes_the_published_defects_and_marks_extensions()
    {
        var document = await ContractSchemas.GetAsync(Emu.Http);
        var operationIds = document.Operations.Select(o => o.Operation.OperationId).ToList();
        Assert.Equal(operationIds.Count, operationIds.Distinct().Count());
        Assert.Contains("remove_users_from_team", operationIds);
        foreach (var path in document.Paths.Where(p => p.Key.Contains("{team_id}", StringComparison.Ordinal)))
        {
            Assert.Contains(path.Value.Parameters, p => p.ActualParameter.Name == "team_id" && p.ActualParameter.IsRequired);
        }

        var yaml = await Emu.Http.GetStringAsync(new Uri("/openapi.yaml", UriKind.Relative));
        Assert.Contains("x-cloudthread-extension: true", yaml, StringComparison.Ordinal);
        Assert.Contains("create_user", operationIds);
        Assert.Equal("User ID", document.Components.Schemas["User"].Properties["id"].Description);
        Assert.Equal(10, document.Components.Schemas["StreamDataPayload"].Properties["custom_dimensions"].MaxProperties);
        Assert.True(document.Paths["/teams"]["post"].Responses.ContainsKey("200"));
        Assert.True(document.Components.Schemas.ContainsKey("Error"));
    }

    [Fact]
    public async Task Malformed_json_is_400_and_the_server_keeps_working()
    {
        foreach (var bad in new[] { "{", "not json", "[1,2", "{\"data\": [}", "\"just a string\"", "42", "[]" })
        {
            var result = await Emu.PostAsync("/teams", bad);
            Assert.Equal(400, result.Code);
            Assert.Equal("ValidationFailed", result.ErrorCode);
        }

        Assert.Equal(200, (await Emu.GetAsync("/users")).Code);
    }

    [Fact]
    public async Task Deeply_nested_json_is_rejected_not_crashing()
    {
        var deep = new string('[', 5000) + new string(']', 5000);
        var result = await Emu.PostAsync("/events", deep);
        Assert.Equal(400, result.Code);
        Assert.Equal(200, (await Emu.GetAsync("/users")).Code);
    }
}
