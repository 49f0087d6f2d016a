using System.Management.Automation;
using System.Net;
using Cloudthread.Emulator;
using Cloudthread.PowerShell.EngineTests.Infrastructure;

namespace Cloudthread.PowerShell.EngineTests;

/// <summary>Connect-Cloudthread, Get-CtConnection and the errors of a missing or too weak connection, on the real engine.</summary>
public sealed class ConnectionAndErrorTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => emulator.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public void Connect_with_a_SecureString_key_and_Get_CtConnection_shows_no_secret()
    {
        using var session = new EngineSession(emulator);
        session.Connect();

        var result = session.Run("Get-CtConnection");

        result.AssertNoErrors();
        var info = Assert.Single(result.Output);
        Assert.Equal("Cloudthread.PowerShell.CloudthreadConnectionInfo", info.TypeNames[0]);
        Assert.Equal(emulator.BaseUri.AbsoluteUri.TrimEnd('/'), ((Uri)info.Properties["BaseUri"].Value).AbsoluteUri.TrimEnd('/'));
        Assert.Equal("Parameter", info.Properties["ApiKeySource"].Value);
        Assert.Equal(true, info.Properties["HasDataStreamToken"].Value);
        foreach (var property in info.Properties)
        {
            var text = property.Value?.ToString() ?? string.Empty;
            Assert.DoesNotContain(EmulatorOptions.DemoApiKey, text, StringComparison.Ordinal);
            Assert.DoesNotContain(EmulatorOptions.DemoDataStreamToken, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Without_a_connection_a_cmdlet_stops_with_NotConnected()
    {
        using var session = new EngineSession(emulator);

        var result = session.Run("Get-CtTeam; 'not reached'");

        Assert.NotNull(result.Terminating);
        Assert.Equal("NotConnected,Cloudthread.PowerShell.Cmdlets.GetCtTeamCommand", result.Terminating!.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidOperation, result.Terminating.CategoryInfo.Category);
        Assert.Contains("Connect-Cloudthread", result.Terminating.ErrorDetails?.RecommendedAction ?? string.Empty, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Output, o => "not reached".Equals(o?.BaseObject));
    }

    [Fact]
    public async Task A_read_only_key_that_writes_gets_PermissionDenied_and_nothing_changes()
    {
        using var session = new EngineSession(emulator);
        session.Connect(EmulatorOptions.DemoReadOnlyApiKey);

        var result = session.Run("Set-CtTeam -TeamId data -Name 'Nope'; 'after'");

        Assert.Null(result.Terminating);
        var error = Assert.Single(result.Errors);
        Assert.Equal("PermissionDenied,Cloudthread.PowerShell.Cmdlets.SetCtTeamCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
        Assert.Equal("data", error.TargetObject);
        Assert.Equal("after", Assert.Single(result.Output).BaseObject);
        var (status, team) = await emulator.GetApiAsync("teams/data");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Data Science", team.GetProperty("name").GetString());
        SecretAssert.NoneIn(result);
    }
}
