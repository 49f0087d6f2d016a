using System.Management.Automation;
using Cloudthread.PowerShell.EngineTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cloudthread.PowerShell.EngineTests;

/// <summary>Invoke-CtApiRequest against answers the emulator never gives: served here, on loopback.</summary>
public sealed class InvokeApiRequestAnswerTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private const string Answer = """{"items":[{"status":"ok","Status":"shadowed"}],"next":null}""";

    [Fact]
    public async Task An_answer_with_keys_differing_only_in_case_is_an_AmbiguousJsonKeys_error_carrying_the_text()
    {
        await using var app = await StartAsync(Answer);
        using var session = new EngineSession(emulator);
        session.SetVariable("OddUri", app.Uri);
        session.SetVariable("OddKey", EmulatorFixture.Secure("any-key"));

        var result = session.Run("Invoke-CtApiRequest /odd -BaseUri $OddUri -ApiKey $OddKey; 'continued'; Invoke-CtApiRequest /odd -BaseUri $OddUri -ApiKey $OddKey -Raw");

        Assert.Null(result.Terminating);
        var error = Assert.Single(result.Errors);
        Assert.Equal("AmbiguousJsonKeys,Cloudthread.PowerShell.Cmdlets.InvokeCtApiRequestCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
        Assert.Equal(Answer, error.TargetObject);
        Assert.Contains("in answer.items[0], keys 'status' and 'Status' differ only in case", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(["continued", Answer], result.Output.Select(o => (string)o.BaseObject));
    }

    private static async Task<AnswerServer> StartAsync(string json)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/odd", () => Results.Text(json, "application/json"));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new AnswerServer(app, new Uri(address));
    }

    private sealed class AnswerServer(WebApplication app, Uri uri) : IAsyncDisposable
    {
        public Uri Uri { get; } = uri;

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
