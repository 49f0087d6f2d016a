using System.Management.Automation;
using Cloudthread.PowerShell.EngineTests.Infrastructure;

namespace Cloudthread.PowerShell.EngineTests;

/// <summary>Events, metrics, tag catalogs, opportunities and raw API requests through the real engine.</summary>
public sealed class ReadAndEventTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => emulator.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Add_CtEvent_stores_valid_events_and_reports_the_one_not_on_the_hour()
    {
        using var session = Connected();

        var result = session.Run("""
            Add-CtEvent -Type deploy -Description 'engine direct' -TeamId platform -Timestamp ([datetime]::new(2026, 1, 5, 10, 0, 0, [DateTimeKind]::Utc))
            [pscustomobject]@{ Type = 'deploy'; Description = 'engine half past'; Timestamp = '2026-01-05 10:30:00' },
            [pscustomobject]@{ Type = 'deploy'; Description = 'engine piped'; Timestamp = '2026-01-05 12:00:00' } | Add-CtEvent
            'continued'
            """);

        Assert.Null(result.Terminating);
        var error = Assert.Single(result.Errors);
        Assert.Equal("InvalidArgument,Cloudthread.PowerShell.Cmdlets.AddCtEventCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Equal("continued", Assert.Single(result.Output).BaseObject);
        var events = (await emulator.GetAdminAsync("_emulator/events")).EnumerateArray().Select(e => e.GetRawText()).ToList();
        Assert.Equal(2, events.Count);
        Assert.Contains("engine direct", events[0], StringComparison.Ordinal);
        Assert.Contains("platform", events[0], StringComparison.Ordinal);
        Assert.Contains("engine piped", events[1], StringComparison.Ordinal);
        Assert.DoesNotContain(events, e => e.Contains("half past", StringComparison.Ordinal));
    }

    [Fact]
    public void Get_CtMetric_of_a_unit_metric_writes_typed_daily_rows()
    {
        using var session = Connected();

        var result = session.Run("Get-CtMetric -UnitMetricId um-cost-per-request -Start '2026-01-01' -End '2026-01-07'");

        result.AssertNoErrors();
        Assert.Equal(7, result.Output.Count);
        Assert.All(result.Output, row =>
        {
            Assert.Equal("Cloudthread.Client.Models.UnitMetricDataPoint", row.TypeNames[0]);
            Assert.Equal("um-cost-per-request", row.Properties["UnitMetricId"].Value);
            Assert.IsType<DateTime>(row.Properties["Date"].Value);
            Assert.True((double?)row.Properties["CurrentTimeframeDenominator"].Value > 0, "the demo org seeds 'requests' for January 2026");
        });
        Assert.Equal(
            Enumerable.Range(0, 7).Select(d => new DateTime(2026, 1, 1).AddDays(d)),
            result.Output.Select(row => ((DateTime)row.Properties["Date"].Value).Date));
    }

    [Fact]
    public void Get_CtTagCatalog_writes_the_catalog_entries()
    {
        using var session = Connected();

        var result = session.Run("Get-CtTagCatalog environment");

        result.AssertNoErrors();
        Assert.All(result.Output, e =>
        {
            Assert.Equal("Cloudthread.Client.Models.TagCatalogEntry", e.TypeNames[0]);
            Assert.Equal("environment", e.Properties["CatalogKey"].Value);
            Assert.Equal("environment", e.Properties["Key"].Value);
        });
        Assert.Equal(["development", "production", "staging"], result.Output.Select(e => (string)e.Properties["Value"].Value).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Get_CtSavingsOpportunity_filters_by_status()
    {
        using var session = Connected();

        var open = session.Run("Get-CtSavingsOpportunity -Status Open");
        var all = session.Run("Get-CtSavingsOpportunity");

        open.AssertNoErrors();
        all.AssertNoErrors();
        Assert.Equal(12, all.Output.Count);
        Assert.NotEmpty(open.Output);
        Assert.True(open.Output.Count < all.Output.Count);
        Assert.All(open.Output, o =>
        {
            Assert.Equal("Cloudthread.Client.Models.SavingsOpportunity", o.TypeNames[0]);
            Assert.Equal("Open", o.Properties["Status"].Value?.ToString());
        });
        Assert.Equal(all.Output.Count(o => o.Properties["Status"].Value?.ToString() == "Open"), open.Output.Count);
    }

    [Fact]
    public void Invoke_CtApiRequest_GET_teams_writes_PSObjects()
    {
        using var session = Connected();

        var result = session.Run("Invoke-CtApiRequest /teams");

        result.AssertNoErrors();
        Assert.Equal(3, result.Output.Count);
        Assert.All(result.Output, t => Assert.Contains("System.Management.Automation.PSCustomObject", t.TypeNames));
        Assert.Equal(["42", "data", "platform"], result.Output.Select(t => t.Properties["id"].Value?.ToString()!).Order(StringComparer.Ordinal));
    }

    private EngineSession Connected()
    {
        var session = new EngineSession(emulator);
        session.Connect();
        return session;
    }
}
