using System.Xml.Linq;
using Cloudthread.PowerShell.Tests.Infrastructure;

namespace Cloudthread.PowerShell.Tests;

/// <summary>Cloudthread.format.ps1xml: a table view for every output type, and never a secret in one.</summary>
public sealed class FormatViewTests : IClassFixture<CmdletAssembly>
{
    private static readonly HashSet<string> UnformattedOutputs = new(StringComparer.Ordinal)
    {
        "System.Void", "System.String", "System.Management.Automation.PSObject",
    };

    private readonly CmdletAssembly _assembly;
    private readonly XDocument _format = XDocument.Load(TestPaths.FormatFile);

    public FormatViewTests(CmdletAssembly assembly) => _assembly = assembly;

    private IEnumerable<XElement> Views => _format.Descendants("View");

    [Fact]
    public void Every_output_type_has_a_table_view()
    {
        var viewed = Views.Where(v => v.Element("TableControl") is not null)
            .SelectMany(v => v.Descendants("TypeName").Select(t => t.Value.Trim()))
            .ToHashSet(StringComparer.Ordinal);
        var outputs = _assembly.Cmdlets.SelectMany(c => c.OutputTypeTypes()).Select(t => t.FullName!)
            .Where(n => !UnformattedOutputs.Contains(n))
            .Distinct()
            .ToList();
        Assert.NotEmpty(outputs);
        var withoutView = outputs.Where(o => !viewed.Contains(o)).ToList();
        Assert.Empty(withoutView);
        Assert.Contains("Cloudthread.TeamMember", viewed);
    }

    [Fact]
    public void Every_view_is_a_table_whose_columns_match_its_headers_or_a_list_beside_a_table()
    {
        Assert.NotEmpty(Views);
        var tabled = Views.Where(v => v.Element("TableControl") is not null).SelectMany(v => v.Descendants("TypeName")).Select(t => t.Value.Trim()).ToHashSet();
        foreach (var view in Views)
        {
            if (view.Element("ListControl") is { } list)
            {
                Assert.All(view.Descendants("TypeName"), t => Assert.Contains(t.Value.Trim(), tabled));
                Assert.All(list.Descendants("ListItem"), i => Assert.True(i.Element("PropertyName") is not null ^ i.Element("ScriptBlock") is not null));
                continue;
            }

            var table = view.Element("TableControl");
            Assert.NotNull(table);
            var headers = table!.Descendants("TableColumnHeader").Count();
            var items = table.Descendants("TableColumnItem").ToList();
            Assert.Equal(headers, items.Count);
            Assert.All(items, i => Assert.True(i.Element("PropertyName") is not null ^ i.Element("ScriptBlock") is not null));
        }
    }

    [Fact]
    public void No_view_shows_a_secret()
    {
        var shown = Views.SelectMany(v => v.Descendants("PropertyName").Concat(v.Descendants("ScriptBlock"))).Select(e => e.Value).ToList();
        Assert.DoesNotContain(shown, s => s.Contains("CustomStreamToken", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(shown, s => s.Contains("DataStreamToken", StringComparison.OrdinalIgnoreCase) && !s.Contains("HasDataStreamToken", StringComparison.Ordinal));
        Assert.DoesNotContain(shown, s => s.Contains("ApiKey", StringComparison.OrdinalIgnoreCase) && s != "ApiKeyHint" && s != "ApiKeySource");
    }

    [Fact]
    public void The_connection_info_has_no_property_that_could_hold_a_secret()
    {
        var info = _assembly.Assembly.GetType("Cloudthread.PowerShell.CloudthreadConnectionInfo", throwOnError: true)!;
        var properties = info.GetProperties().Select(p => (p.Name, Type: p.PropertyType.FullName)).ToList();
        Assert.DoesNotContain(properties, p => p.Type == "System.Security.SecureString" || p.Type == "System.Net.NetworkCredential"
            || p.Type == "System.Management.Automation.PSCredential");
        Assert.DoesNotContain(properties, p => p.Name is "ApiKey" or "DataStreamToken" or "ProxyCredential");
    }
}
