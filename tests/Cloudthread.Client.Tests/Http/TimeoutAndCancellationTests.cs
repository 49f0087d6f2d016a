using System.Diagnostics;
using Cloudthread.Client.Tests.TestInfrastructure;

namespace Cloudthread.Client.Tests.Http;

public sealed class TimeoutAndCancellationTests
{
    [Fact]
    public async Task EachAttempt_GetsItsOwnTimeout_AndAHungAttemptIsRetried()
    {
        await using var server = await ScriptedServer.StartAsync();
        server.Then(ServerStep.Hang()).Then(200, "{}");
        var options = TransportFactory.Options(server.BaseUri);
        options.AttemptTimeout = TimeSpan.FromSeconds(1);
        using var transport = TransportFactory.Recorded(options, out var clock);

        var response = await transport.SendAsync(TransportFactory.Get("/teams"), CancellationToken.None);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(2, server.Requests.Count);
        Assert.Single(clock.Waits);
    }

    [Fact]
    public async Task TimeoutOnEveryAttempt_SurfacesAsTimeout()
    {
        await using var server = await ScriptedServer.StartAsync();
        server.Fallback = ServerStep.Hang();
        var options = TransportFactory.Options(server.BaseUri);
        options.AttemptTimeout = TimeSpan.FromMilliseconds(150);
        options.Retry.MaxAttempts = 2;
        using var transport = TransportFactory.Recorded(options, out _);

        var error = await Assert.ThrowsAsync<CloudthreadApiException>(() => transport.SendAsync(TransportFactory.Get("/teams"), CancellationToken.None));

        Assert.Equal(CloudthreadErrorKind.Timeout, error.Kind);
        Assert.Equal(2, error.Attempts);
        Assert.Equal("GET /teams failed: no answer within 150 ms (AttemptTimeout) (gave up after 2 attempts)", error.Message);
    }

    [Fact]
    public async Task ABodyThatStalls_TimesOutToo()
    {
        await using var server = await ScriptedServer.StartAsync();
        server.Then(ServerStep.HangMidBody()).Then(200, "{}");
        var options = TransportFactory.Options(server.BaseUri);
        options.AttemptTimeout = TimeSpan.FromSeconds(1);
        using var transport = TransportFactory.Recorded(options, out _);

        var response = await transport.SendAsync(TransportFactory.Get("/teams"), CancellationToken.None);

        Assert.Equal("{}", System.Text.Encoding.UTF8.GetString(response.Body));
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task Cancellation_WhileTheServerHangs_ThrowsPromptly()
    {
        await using var server = await ScriptedServer.StartAsync();
        server.Fallback = ServerStep.Hang();
        using var transport = new Cloudthread.Client.Http.ApiTransport(TransportFactory.Options(server.BaseUri));
        using var cancellation = new CancellationTokenSource();
        var sending = transport.SendAsync(TransportFactory.Get("/teams"), cancellation.Token);
        await server.WaitForRequestsAsync(1);

        var stopwatch = Stopwatch.StartNew();
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1), "took " + stopwatch.Elapsed);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Cancellation_DuringABackoffWait_ThrowsPromptly()
    {
        await using var server = await ScriptedServer.StartAsync();
        server.Fallback = ServerStep.Status(503, null, ("Retry-After", "20"));
        using var transport = new Cloudthread.Client.Http.ApiTransport(TransportFactory.Options(server.BaseUri));
        var logger = new TestLogger(CloudthreadLogLevel.Summary);
        transport.Options.Logger = logger;
        using var cancellation = new CancellationTokenSource();
        var sending = transport.SendAsync(TransportFactory.Get("/teams"), cancellation.Token);
        // The retry line is written just before the 20 s wait starts.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!logger.Lines.Any() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.Equal("GET /teams: 503 Service Unavailable, retry 1/2 in 20 s", Assert.Single(logger.Lines).Message);
        var stopwatch = Stopwatch.StartNew();
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1), "took " + stopwatch.Elapsed);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task AnAlreadyCanceledToken_SendsNothing()
    {
        await using var server = await ScriptedServer.StartAsync();
        using var transport = new Cloudthread.Client.Http.ApiTransport(TransportFactory.Options(server.BaseUri));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => transport.SendAsync(TransportFactory.Get("/teams"), new CancellationToken(true)));

        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task TheCanceledException_CarriesTheCallersToken()
    {
        await using var server = await ScriptedServer.StartAsync();
        server.Fallback = ServerStep.Hang();
        using var transport = new Cloudthread.Client.Http.ApiTransport(TransportFactory.Options(server.BaseUri));
        using var cancellation = new CancellationTokenSource();
        var sending = transport.SendAsync(TransportFactory.Get("/teams"), cancellation.Token);
        await server.WaitForRequestsAsync(1);

        await cancellation.CancelAsync();
        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);

        Assert.Equal(cancellation.Token, error.CancellationToken);
    }
}
