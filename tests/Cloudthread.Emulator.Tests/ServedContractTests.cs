using System.Text.RegularExpressions;
using Cloudthread.Emulator.Tests.Infrastructure;
using NJsonSchema;
using NSwag;

namespace Cloudthread.Emulator.Tests;

/// <summary>The served /openapi.yaml says what api/CONTRACT.md decides, point by point, and nothing it does not.</summary>
public sealed class ServedContractTests(SharedEmulator shared) : IClassFixture<SharedEmulator>
{
    private static readonly string[] EveryOperationStatuses = ["401", "429", "500", "502", "503", "504"];

    private TestEmulator Emu => shared.Emulator;

    private async Task<IEnumerable<(string Name, OpenApiOperation Operation)>> OperationsAsync()
    {
        var document = await ContractSchemas.GetAsync(Emu.Http);
        return document.Paths.SelectMany(p => p.Value.Select(m => (m.Key.ToUpperInvariant() + " " + p.Key, m.Value)));
    }

    [Fact]
    public async Task Statuses_are_declared_where_the_contract_puts_them()
    {
        foreach (var (name, operation) in await OperationsAsync())
        {
            Assert.DoesNotContain("405", operation.Responses.Keys);
            Assert.Equal(operation.RequestBody is not null, operation.Responses.ContainsKey("413"));
            Assert.All(EveryOperationStatuses, status => Assert.True(operation.Responses.ContainsKey(status), name + " lacks " + status));
        }
    }

    [Fact]
    public async Task Gzip_bodies_are_declared_as_an_extension_on_every_operation_with_a_body()
    {
        foreach (var (name, operation) in (await OperationsAsync()).Where(o => o.Operation.RequestBody is not null))
        {
            var header = Assert.Single(operation.ActualParameters, p => p.Name == "Content-Encoding");
            Assert.Equal(OpenApiParameterKind.Header, header.Kind);
            Assert.Contains("gzip", header.ActualSchema.Enumeration.Select(e => e?.ToString()));
            Assert.True(header.ExtensionData?.ContainsKey("x-cloudthread-extension") == true, name);
        }
    }

    [Fact]
    public async Task Metric_parameters_carry_the_contract_formats()
    {
        var document = await ContractSchemas.GetAsync(Emu.Http);
        var parameters = document.Paths["/cost/metric/{metric_id}"]["get"].ActualParameters.ToDictionary(p => p.Name);

        Assert.Equal("date", parameters["start_date"].ActualSchema.Format);
        Assert.Equal("date", parameters["end_date"].ActualSchema.Format);
        var granularity = parameters["granularity"].ActualSchema;
        Assert.Equal(["hour", "day", "week", "month", "quarter", "year"], granularity.Enumeration.Select(e => e!.ToString()));
        Assert.Equal("day", granularity.Default?.ToString());

        // cost_type: a name or all digits, and an all-digit value matches exactly once.
        var costType = parameters["cost_type"].ActualSchema;
        Assert.Equal(JsonObjectType.String, costType.Type);
        Assert.Empty(costType.OneOf);
        Assert.Empty(costType.Validate("\"42\""));
        Assert.Empty(costType.Validate("\"Blended\""));
        Assert.NotEmpty(costType.Validate("\"\""));
        Assert.Equal(200, (await Emu.GetAsync("/cost/metric/cv-total?start_date=2026-01-01&end_date=2026-01-02&cost_type=2")).Code);
    }

    [Theory]
    [InlineData("2022-10-01T00:00:00Z", true)]
    [InlineData("2022-10-01T05:30:00+05:30", true)]
    [InlineData("2022-10-01 00:00:00", true)]
    [InlineData("20221001000000", true)]
    [InlineData("2022-10-01 00:30:00", false)]
    [InlineData("202210010030", false)]
    [InlineData("yesterday", false)]
    public async Task Hourly_timestamps_take_the_contract_string_forms(string text, bool valid)
    {
        var document = await ContractSchemas.GetAsync(Emu.Http);
        var forms = document.Components.Schemas["HourlyTimestamp"].OneOf;
        var pattern = Assert.Single(forms, f => f.Type == JsonObjectType.String).Pattern;
        Assert.Contains(forms, f => f.Type == JsonObjectType.Integer);

        Assert.Equal(valid, Regex.IsMatch(text, pattern));
    }

    [Fact]
    public async Task Nothing_the_contract_leaves_open_is_decided_and_extensions_are_marked()
    {
        var document = await ContractSchemas.GetAsync(Emu.Http);

        Assert.Empty(document.Components.Schemas["Tags"].RequiredProperties);
        Assert.True(document.Components.Schemas["IngestResult"].ExtensionData?.ContainsKey("x-cloudthread-extension") == true);
        var contract = await File.ReadAllTextAsync(Path.Combine(RepoRoot(), "api", "CONTRACT.md"));
        Assert.Contains("**(ext)** The `201` carries `{\"ingested\": n}`", contract, StringComparison.Ordinal);
        Assert.Contains("**(ext) Compressed request bodies**", contract, StringComparison.Ordinal);
    }

    private static string RepoRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "api", "CONTRACT.md")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("api/CONTRACT.md not found above the test directory");
    }
}
