using Cloudthread.PowerShell.EngineTests.Infrastructure;

namespace Cloudthread.PowerShell.EngineTests;

/// <summary>
/// New-CtTeam and Set-CtTeam find their filter parameters by the client's TeamFields list (TeamFieldsCmdlet.BoundFilters):
/// a field whose ParameterName no parameter has would be silently ignored, so every one is checked here.
/// </summary>
public sealed class TeamFieldsBindingTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public void Every_filter_of_the_client_field_list_is_a_parameter_with_the_field_name_as_alias()
    {
        using var session = new EngineSession(emulator);
        session.Connect(); // loads the client (privately on PowerShell 7): its types are found through the AppDomain

        var result = session.Run("""
            $fields = @([AppDomain]::CurrentDomain.GetAssemblies().ForEach({ $_.GetType('Cloudthread.Client.Models.TeamFields') }).Where({ $_ }))[0]::Filters
            foreach ($command in 'New-CtTeam', 'Set-CtTeam') {
                $parameters = (Get-Command $command).Parameters
                foreach ($field in $fields) {
                    $parameter = $parameters[$field.ParameterName]
                    if (-not $parameter -or $parameter.Aliases -notcontains $field.Name) { "$command -$($field.ParameterName)" }
                }
            }
            "fields: $($fields.Count)"
            """);

        result.AssertNoErrors();
        Assert.Equal(["fields: 16"], result.Output.Select(o => o.ToString()));
    }
}
