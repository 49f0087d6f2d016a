using System.Globalization;
using System.Management.Automation;
using System.Text.Json;
using Cloudthread.PowerShell.EngineTests.Infrastructure;

namespace Cloudthread.PowerShell.EngineTests;

/// <summary>Send-CtCustomData from the pipeline and from a CSV file, checked in the emulator's dump; what -Verbose/-Debug show.</summary>
public sealed class CustomDataAndSecretTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>, IAsyncLifetime, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ct-engine-").FullName;

    public Task InitializeAsync() => emulator.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Piped_PSCustomObjects_are_stored_once_each_with_their_dimensions()
    {
        using var session = Connected();

        var result = session.Run("""
            $start = [datetime]::new(2031, 2, 1, 0, 0, 0, [DateTimeKind]::Utc)
            0..2 | ForEach-Object { [pscustomobject]@{ Timestamp = $start.AddHours($_); MetricName = 'engine-pipe'; MetricValue = $_ * 10; Region = 'eu' } } |
                Send-CtCustomData
            """);

        result.AssertNoErrors();
        Assert.Equal(
            ["engine-pipe|Sum|2031-02-01T00:00:00Z|0|Region=eu", "engine-pipe|Sum|2031-02-01T01:00:00Z|10|Region=eu", "engine-pipe|Sum|2031-02-01T02:00:00Z|20|Region=eu"],
            await StoredAsync("engine-pipe"));
    }

    [Fact]
    public async Task With_DimensionProperty_objects_read_by_name_are_stored_as_a_full_read_would_store_them()
    {
        using var session = Connected();

        // Rows 0-2 share a shape (read by name after the first: their Probe script property, which no point needs, is
        // read once); row 3 brings its own aggregation function, which the shape lacks; row 4 lacks a named dimension;
        // row 5 has an extra column that is not a dimension.
        var result = session.Run("""
            $start = [datetime]::new(2031, 4, 1, 0, 0, 0, [DateTimeKind]::Utc)
            $global:probeReads = 0
            $rows = @(
                0..2 | ForEach-Object {
                    $row = [pscustomobject]@{ Timestamp = $start.AddHours($_); MetricName = 'engine-byname'; MetricValue = $_; Region = 'eu'; Team = 'a'; Note = 'x' }
                    $row.psobject.Properties.Add([psscriptproperty]::new('Probe', { $global:probeReads++; 'p' }))
                    $row
                }
                [pscustomobject]@{ Timestamp = $start.AddHours(3); MetricName = 'engine-byname'; MetricValue = 3; Region = 'us'; Team = 'b'; Note = 'x'; AggregationFunction = 'Maximum' }
                [pscustomobject]@{ Timestamp = $start.AddHours(4); MetricName = 'engine-byname'; MetricValue = 4; Region = 'us'; Note = 'x' }
                [pscustomobject]@{ Timestamp = $start.AddHours(5); MetricName = 'engine-byname'; MetricValue = 5; Region = 'us'; Team = 'c'; Note = 'x'; Other = 'y' }
            )
            $rows | Send-CtCustomData -DimensionProperty Region, Team
            'continued'
            "probe reads: $global:probeReads"
            """);

        Assert.Null(result.Terminating);
        var error = Assert.Single(result.Errors);
        Assert.Equal("InvalidCustomDataPoint,Cloudthread.PowerShell.Cmdlets.SendCtCustomDataCommand", error.FullyQualifiedErrorId);
        Assert.Contains("Input item 5: Team is named as a dimension", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(["continued", "probe reads: 1"], result.Output.Select(o => o.BaseObject));
        Assert.Equal(
        [
            "engine-byname|Maximum|2031-04-01T03:00:00Z|3|Region=us;Team=b",
            "engine-byname|Sum|2031-04-01T00:00:00Z|0|Region=eu;Team=a",
            "engine-byname|Sum|2031-04-01T01:00:00Z|1|Region=eu;Team=a",
            "engine-byname|Sum|2031-04-01T02:00:00Z|2|Region=eu;Team=a",
            "engine-byname|Sum|2031-04-01T05:00:00Z|5|Region=us;Team=c",
        ],
            await StoredAsync("engine-byname"));
    }

    [Fact]
    public async Task Without_DimensionProperty_objects_read_by_name_are_stored_as_a_full_read_would_store_them()
    {
        using var session = Connected();

        // Rows 0-2 share a shape (after the first, read by name: their Probe script property still runs once per row).
        // Each later row follows one of the shape it is compared with: row 3 has a property more; row 5 the same names,
        // one spelled in another case; row 7 a script method where the shape has a property. Each must be stored as
        // listing its properties stores it. (A type name that types.ps1xml gives a property: the Pester suite.)
        var result = session.Run("""
            $start = [datetime]::new(2031, 5, 1, 0, 0, 0, [DateTimeKind]::Utc)
            $global:probeReads = 0
            function Row([int] $Hour, [hashtable] $More = @{}) {
                $row = [ordered]@{ Timestamp = $start.AddHours($Hour); MetricName = 'engine-exact'; MetricValue = $Hour; Region = 'us'; Probe = 'q' }
                foreach ($key in $More.Keys) { if ($null -eq $More[$key]) { $row.Remove($key) } else { $row[$key] = $More[$key] } }
                [pscustomobject]$row
            }
            $rows = @(
                0..2 | ForEach-Object {
                    $row = [pscustomobject]@{ Timestamp = $start.AddHours($_); MetricName = 'engine-exact'; MetricValue = $_; Region = 'eu' }
                    $row.psobject.Properties.Add([psscriptproperty]::new('Probe', { $global:probeReads++; 'p' }))
                    $row
                }
                Row 3 @{ Team = 'b' }
                Row 4
                $lower = Row 5 @{ Region = $null }; $lower.psobject.Properties.Add([psnoteproperty]::new('region', 'us')); $lower
                Row 6
                $method = Row 7 @{ Probe = $null }; $method.psobject.Methods.Add([psscriptmethod]::new('Probe', { 'm' })); $method
            )
            $rows | Send-CtCustomData
            "probe reads: $global:probeReads"
            """);

        result.AssertNoErrors();
        Assert.Equal(["probe reads: 3"], result.Output.Select(o => o.BaseObject));
        Assert.Equal(
        [
            "engine-exact|Sum|2031-05-01T00:00:00Z|0|Probe=p;Region=eu",
            "engine-exact|Sum|2031-05-01T01:00:00Z|1|Probe=p;Region=eu",
            "engine-exact|Sum|2031-05-01T02:00:00Z|2|Probe=p;Region=eu",
            "engine-exact|Sum|2031-05-01T03:00:00Z|3|Probe=q;Region=us;Team=b",
            "engine-exact|Sum|2031-05-01T04:00:00Z|4|Probe=q;Region=us",
            "engine-exact|Sum|2031-05-01T05:00:00Z|5|Probe=q;region=us",
            "engine-exact|Sum|2031-05-01T06:00:00Z|6|Probe=q;Region=us",
            "engine-exact|Sum|2031-05-01T07:00:00Z|7|Region=us",
        ],
            await StoredAsync("engine-exact"));
    }

    [Fact]
    public async Task A_CSV_file_given_by_Path_is_stored_once_each()
    {
        var csv = Path.Combine(_folder, "points.csv");
        await File.WriteAllLinesAsync(csv,
        [
            "Timestamp,MetricName,MetricValue,Region",
            "2031-03-01 00:00:00,engine-csv,1.5,us",
            "2031-03-01 01:00:00,engine-csv,2.5,eu",
            "2031-03-01 02:00:00,engine-csv,3,us",
        ]);
        using var session = Connected();
        session.SetVariable("CsvPath", csv);

        var result = session.Run("Send-CtCustomData -Path $CsvPath");

        result.AssertNoErrors();
        Assert.Equal(
            ["engine-csv|Sum|2031-03-01T00:00:00Z|1.5|Region=us", "engine-csv|Sum|2031-03-01T01:00:00Z|2.5|Region=eu", "engine-csv|Sum|2031-03-01T02:00:00Z|3|Region=us"],
            await StoredAsync("engine-csv"));
    }

    [Fact]
    public async Task An_invalid_point_is_InvalidCustomDataPoint_and_the_rest_are_stored()
    {
        using var session = Connected();

        var result = session.Run("""
            [pscustomobject]@{ Timestamp = '2031-06-01 00:00:00'; MetricName = 'engine-bad'; MetricValue = 1 },
            [pscustomobject]@{ Timestamp = '2031-06-01 00:30:00'; MetricName = 'engine-bad'; MetricValue = 2 },
            [pscustomobject]@{ Timestamp = '2031-06-01 02:00:00'; MetricName = 'engine-bad'; MetricValue = 3 } | Send-CtCustomData
            'continued'
            """);

        Assert.Null(result.Terminating);
        var error = Assert.Single(result.Errors);
        Assert.Equal("InvalidCustomDataPoint,Cloudthread.PowerShell.Cmdlets.SendCtCustomDataCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
        Assert.Matches("Input item 2: Timestamp .*not on the hour", error.ToString());
        Assert.Equal("continued", Assert.Single(result.Output).BaseObject);
        Assert.Equal(
            ["engine-bad|Sum|2031-06-01T00:00:00Z|1|", "engine-bad|Sum|2031-06-01T02:00:00Z|3|"],
            await StoredAsync("engine-bad"));
    }

    [Fact]
    public async Task WhatIf_sends_nothing()
    {
        using var session = Connected();

        var result = session.Run("""
            [pscustomobject]@{ Timestamp = [datetime]::new(2031, 9, 1, 0, 0, 0, [DateTimeKind]::Utc); MetricName = 'engine-whatif'; MetricValue = 1 } |
                Send-CtCustomData -WhatIf
            """);

        result.AssertNoErrors();
        Assert.Empty(await StoredAsync("engine-whatif"));
        var stats = await emulator.GetAdminAsync("_emulator/stats");
        Assert.Equal(0, stats.GetProperty("ingest_requests").GetInt32());
    }

    [Fact]
    public void Verbose_shows_the_request_line_and_no_stream_shows_a_secret()
    {
        using var session = Connected();

        var result = session.Run("""
            Get-CtTeam -Verbose -Debug
            [pscustomobject]@{ Timestamp = [datetime]::new(2031, 10, 1, 0, 0, 0, [DateTimeKind]::Utc); MetricName = 'engine-verbose'; MetricValue = 1 } |
                Send-CtCustomData -Verbose -Debug
            Remove-CtTeam -TeamId no-such-team -Confirm:$false -Verbose -Debug
            Get-CtMetric -UnitMetricId no-such-metric -Start '2026-01-01' -End '2026-01-02' -Verbose -Debug
            """);

        Assert.Null(result.Terminating);
        Assert.Contains(result.Verbose, line => line.Contains("GET", StringComparison.Ordinal) && line.Contains("/teams", StringComparison.Ordinal));
        Assert.Contains(result.Verbose, line => line.StartsWith("Send-CtCustomData: 1 sent", StringComparison.Ordinal));
        Assert.Contains(result.Debug, line => line.Contains("x-api-key: ***", StringComparison.Ordinal));
        Assert.Equal(2, result.Errors.Count);
        SecretAssert.NoneIn(result);
    }

    [Theory]
    [InlineData("'key ct-demo-api-key'")]
    [InlineData("throw 'token ct-demo-stream-token'")]
    public void The_secret_check_sees_a_secret_in_output_or_an_error(string script)
    {
        // Guards the guard: a leak must fail SecretAssert (Write-Verbose/Write-Error are not in the core cmdlets).
        using var session = new EngineSession(emulator);

        var result = session.Run(script);

        Assert.Throws<Xunit.Sdk.FalseException>(() => SecretAssert.NoneIn(result));
    }

    [Fact]
    public void Send_CtCustomData_Verbose_shows_each_ingest_request()
    {
        using var session = Connected();

        var result = session.Run("""
            [pscustomobject]@{ Timestamp = [datetime]::new(2031, 10, 1, 0, 0, 0, [DateTimeKind]::Utc); MetricName = 'engine-verbose'; MetricValue = 1 } |
                Send-CtCustomData -Verbose
            """);

        result.AssertNoErrors();
        Assert.Contains(result.Verbose, line => line.StartsWith("POST /streams/ingest -> 201", StringComparison.Ordinal));
        SecretAssert.NoneIn(result);
    }

    /// <summary>The dump's points of one metric as "metric|agg|timestamp|value|dimensions", in the dump's order.</summary>
    private async Task<string[]> StoredAsync(string metricName)
    {
        var dump = await emulator.GetAdminAsync("_emulator/custom-data");
        return dump.EnumerateArray()
            .Where(p => p.GetProperty("metric_name").GetString() == metricName)
            .Select(p => string.Join('|',
                p.GetProperty("metric_name").GetString(),
                p.GetProperty("metric_agg_func").GetString(),
                DateTimeOffset.Parse(p.GetProperty("timestamp").GetString()!, CultureInfo.InvariantCulture).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                p.GetProperty("metric_value").GetDouble().ToString(CultureInfo.InvariantCulture),
                Dimensions(p)))
            .OrderBy(s => s, StringComparer.Ordinal)
            .ToArray();
    }

    private static string Dimensions(JsonElement point) =>
        point.TryGetProperty("custom_dimensions", out var dimensions) && dimensions.ValueKind == JsonValueKind.Object
            ? string.Join(';', dimensions.EnumerateObject().Select(d => $"{d.Name}={d.Value.GetString()}").Order(StringComparer.Ordinal))
            : string.Empty;

    private EngineSession Connected()
    {
        var session = new EngineSession(emulator);
        session.Connect();
        return session;
    }
}
