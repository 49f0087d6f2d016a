using Cloudthread.PowerShell.EngineTests.Infrastructure;

namespace Cloudthread.PowerShell.EngineTests;

public sealed class SmokeTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public void Get_CtTeam_lists_the_demo_teams()
    {
        using var session = new EngineSession(emulator);
        session.Connect();
        var result = session.Run("Get-CtTeam");
        result.AssertNoErrors();
        Assert.Equal(["42", "data", "platform"], result.Output.Select(o => (string)o.Properties["Id"].Value).Order());
    }
}
