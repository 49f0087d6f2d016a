using System.Globalization;
using Cloudthread.Client.Http;
using Cloudthread.Client.Tests.TestInfrastructure;

namespace Cloudthread.Client.Tests.Http;

/// <summary>Retry rules over real HTTP; waits are recorded by a virtual clock, not slept.</summary>
public sealed class RetryTests
{
    [Fact]
    public async Task RetryAfterSeconds_IsHonoured()
    {
        await using var server = await ScriptedServer.StartAsync();
        server.Then(503, null, ("Retry-After", "7")).Then(200, "{}");
        using var transport = TransportFactory.Recorded(TransportFactory.Options(server.BaseUri), out var clock);

        var response = await transport.SendAsync(TransportFactory.Get("/teams"), CancellationToken.None);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(new[] { TimeSpan.FromSeconds(7) }, clock.Waits);
    }

    [Fact]
    public async Task RetryAfterHttpDate_IsHonoured()
    {
        await using var server = await ScriptedServer.StartAsync();
        var at = DateTimeOffset.UtcNow.AddSeconds(20).ToString("r", CultureInfo.InvariantCulture);
        server.Then(429, null, ("Retry-After", at)).Then(200, "{}");
        using var transport = TransportFactory.Recorded(TransportFactory.Options(server.BaseUri), out var clock);

        await transport.SendAsync(TransportFactory.Get("/teams"), CancellationToken.None);

        var wait = Assert.Single(clock.Waits);
        Assert.InRange(wait, TimeSpan.FromSeconds(18), TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task WithoutRetryAfter_BackoffDoublesUpToMaxDelay()
    {
        await using var server = await ScriptedServer.StartAsync();
        server.Then(503).Then(502).Then(504).Then(503).Then(200, "{}");
        var options = TransportFactory.Options(server.BaseUri);
        options.Retry.MaxAttempts = 5;
        options.Retry.BaseDelay = TimeSpan.FromSeconds(1);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(5);
        using var transport = TransportFactory.Recorded(options, out var clock, jitter: 1.0);

        await transport.SendAsync(TransportFactory.Get("/teams"), CancellationToken.None);

        Assert.Equal(5, server.Requests.Count);
        Assert.Equal(new[] { 1.0, 2.0, 4.0, 5.0 }, clock.Waits.Select(w => w.TotalSeconds));
    }

    [Fact]
    public async Task Jitter_ScalesTheWait()
    {
        await using var server = await ScriptedServer.StartAsync();
        server.Then(503).Then(503).Then(200, "{}");
        using var transport = TransportFactory.Recorded(TransportFactory.Options(server.BaseUri), out var clock, jitter: 0.25);

        await transport.SendAsync(TransportFactory.Get("/teams"), CancellationToken.None);

        Assert.Equal(new[] { 0.25, 0.5 }, clock.Waits.Select(w => w.TotalSeconds));
    }

    [Fact]
    public async Task MaxAttempts_BoundsTheAttempts_AndTheErrorSaysSo()
    {
        await using var server = await ScriptedServer.StartAsync();
        server.Fallback = ServerStep.Json(503, "{\"code\":\"Unavailable\",\"message\":\"down for maintenance\"}");
        using var transport = TransportFactory.Recorded(TransportFactory.Options(server.BaseUri), out var clock);

        var error = await Assert.ThrowsAsync<CloudthreadApiException>(() => transport.SendAsync(TransportFactory.Get("/teams"), CancellationToken.None));

        Assert.Equal(3, server.Requests.Count);
        Assert.Equal(2, clock.Waits.Count);
        Assert.Equal(CloudthreadErrorKind.ServerError, error.Kind);
        Assert.Equal(3, error.Attempts);
        Assert.Equal("GET /teams failed: 503 Unavailable: down for maintenance (gave up after 3 attempts)", error.Message);
    }

    [Fact]
    public async Task RetryAfterLongerThanMaxDelay_GivesUpAtOnce()
    {
        await using var server = await ScriptedServer.StartAsync();
        server.Fallback = ServerStep.Status(429, "slow down", ("Retry-After", "120"));
        using var transport = TransportFactory.Recorded(TransportFactory.Options(server.BaseUri), out var clock);

        var error = await Assert.ThrowsAsync<CloudthreadApiException>(() => transport.SendAsync(TransportFactory.Get("/teams"), CancellationToken.None));

        Assert.Single(server.Requests);
        Assert.Empty(clock.Waits);
        Assert.Equal(CloudthreadErrorKind.Throttled, error.Kind);
        Assert.Contains("slow down", error.Message);
        Assert.Contains("the server asked to retry in 120 s, longer than Retry.MaxDelay (30 s)", error.Message);
    }

    [Fact]
    public async Task TotalBudget_StopsAWaitThatWouldPassIt()
    {
        await using var server = await ScriptedServer.StartAsync();
        server.Fallback = ServerStep.Status(503);
        var options = TransportFactory.Options(server.BaseUri);
        options.Retry.MaxAttempts = 10;
        options.Retry.BaseDelay = TimeSpan.FromSeconds(4);
        options.Retry.TotalBudget = TimeSpan.FromSeconds(10);
        using var transport = TransportFactory.Recorded(options, out var clock);

        var error = await Assert.ThrowsAsync<CloudthreadApiException>(() => transport.SendAsync(TransportFactory.Get("/teams"), CancellationToken.None));

        // 4 s fits; 4 + 8 s would end past the 10 s budget.
        Assert.Equal(new[] { 4.0 }, clock.Waits.Select(w => w.TotalSeconds));
        Assert.Equal(2, server.Requests.Count);
        Assert.Contains("would pass Retry.TotalBudget (10 s)", error.Message);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(404)]
    public async Task Idempotent_DoesNotRetryOtherStatuses(int status)
    {
        await using var server = await ScriptedServer.StartAsync();
        server.Fallback = ServerStep.Status(status);
        using var transport = TransportFactory.Recorded(TransportFactory.Options(server.BaseUri), out var clock);

        var error = await Assert.ThrowsAsync<CloudthreadApiException>(() => transport.SendAsync(TransportFactory.Get("/teams"), CancellationToken.None));

        Assert.Single(server.Requests);
        Assert.Empty(clock.Waits);
        Assert.Equal(1, error.Attempts);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(504)]
    public async Task EventsMode_IsNotRetriedWhenTheServerMayHaveProcessedIt(int status)
    {
        await using var server = await ScriptedServer.StartAsync();
        server.Fallback = ServerStep.Status(status);
        using var transport = TransportFactory.Recorded(TransportFactory.Options(server.BaseUri), out var clock);

        var error = await Assert.ThrowsAsync<CloudthreadApiException>(() =>
            transport.SendAsync(TransportFactory.PostJson("/events", "{\"data\":[]}", RetryMode.OnlyIfNotProcessed), CancellationToken.None));

        Assert.Single(server.Requests);
        Assert.Equal(CloudthreadErrorKind.ServerError, error.Kind);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    public async Task EventsMode_IsRetriedWhenTheServerRefusedIt(int status)
    {
        await using var server = await ScriptedServer.StartAsync();
        server.Then(status).Then(201, "{}");
        using var transport = TransportFactory.Recorded(TransportFactory.Options(server.BaseUri), out var clock);

        var response = await transport.SendAsync(TransportFactory.PostJson("/events", "{\"data\":[]}", RetryMode.OnlyIfNotProcessed), CancellationToken.None);

        Assert.Equal(201, response.StatusCode);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task EventsMode_IsNotRetriedAfterATimeout()
    {
        await using var server = await ScriptedServer.StartAsync();
        server.Then(ServerStep.Hang()).Then(201, "{}");
        var options = TransportFactory.Options(server.BaseUri);
        options.AttemptTimeout = TimeSpan.FromMilliseconds(200);
        using var transport = TransportFactory.Recorded(options, out _);

        var error = await Assert.ThrowsAsync<CloudthreadApiException>(() =>
            transport.SendAsync(TransportFactory.PostJson("/events", "{\"data\":[]}", RetryMode.OnlyIfNotProcessed), CancellationToken.None));

        Assert.Equal(CloudthreadErrorKind.Timeout, error.Kind);
        Assert.Single(server.Requests);
        Assert.Equal(1, error.Attempts);
    }

    [Fact]
    public async Task EventsMode_IsNotRetriedAfterADroppedConnection()
    {
        await using var server = await ScriptedServer.StartAsync();
        server.Then(ServerStep.Abort()).Then(201, "{}");
        using var transport = TransportFactory.Recorded(TransportFactory.Options(server.BaseUri), out _);

        var error = await Assert.ThrowsAsync<CloudthreadApiException>(() =>
            transport.SendAsync(TransportFactory.PostJson("/events", "{\"data\":[]}", RetryMode.OnlyIfNotProcessed), CancellationToken.None));

        Assert.Equal(CloudthreadErrorKind.Network, error.Kind);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Idempotent_IsRetriedAfterADroppedConnection()
    {
        await using var server = await ScriptedServer.StartAsync();
        server.Then(ServerStep.Abort()).Then(200, "{}");
        using var transport = TransportFactory.Recorded(TransportFactory.Options(server.BaseUri), out var clock);

        var response = await transport.SendAsync(TransportFactory.Get("/teams"), CancellationToken.None);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(2, server.Requests.Count);
        Assert.Single(clock.Waits);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ConnectionRefused_IsRetried_ThenSurfacesAsNetwork(bool eventsMode)
    {
        var mode = eventsMode ? RetryMode.OnlyIfNotProcessed : RetryMode.Idempotent;
        var options = TransportFactory.Options(new Uri("http://127.0.0.1:" + Ports.Closed() + "/"));
        var logger = new TestLogger(CloudthreadLogLevel.Summary);
        options.Logger = logger;
        using var transport = TransportFactory.Recorded(options, out var clock);

        var error = await Assert.ThrowsAsync<CloudthreadApiException>(() =>
            transport.SendAsync(TransportFactory.PostJson("/events", "{\"data\":[]}", mode), CancellationToken.None));

        Assert.Equal(CloudthreadErrorKind.Network, error.Kind);
        Assert.Null(error.StatusCode);
        Assert.Equal(3, error.Attempts);
        Assert.Equal(2, clock.Waits.Count);
        Assert.StartsWith("POST /events failed: connection refused", error.Message);
        Assert.Contains(logger.Messages(CloudthreadLogLevel.Summary), line => line.StartsWith("POST /events: connection refused", StringComparison.Ordinal) && line.EndsWith("retry 1/2 in 1 s", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NoneMode_NeverRetries()
    {
        await using var server = await ScriptedServer.StartAsync();
        server.Fallback = ServerStep.Status(503);
        using var transport = TransportFactory.Recorded(TransportFactory.Options(server.BaseUri), out var clock);
        var request = TransportFactory.Get("/teams");
        request.RetryMode = RetryMode.None;

        await Assert.ThrowsAsync<CloudthreadApiException>(() => transport.SendAsync(request, CancellationToken.None));

        Assert.Single(server.Requests);
        Assert.Empty(clock.Waits);
    }

    [Fact]
    public async Task EachRetry_IsLoggedAtSummary()
    {
        await using var server = await ScriptedServer.StartAsync();
        server.Then(429, null, ("Retry-After", "8")).Then(503, null, ("Retry-After", "1.5")).Then(200, "{}");
        var logger = new TestLogger(CloudthreadLogLevel.Summary);
        using var transport = TransportFactory.Recorded(TransportFactory.Options(server.BaseUri, logger), out var clock);

        await transport.SendAsync(TransportFactory.Get("/teams"), CancellationToken.None);

        var lines = logger.Messages(CloudthreadLogLevel.Summary).ToArray();
        Assert.Equal("GET /teams: throttled (429), retry 1/2 in 8 s", lines[0]);
        // "1.5" is not a valid delta-seconds value: ignored, backoff (2 s for the second retry) applies.
        Assert.Equal("GET /teams: 503 Service Unavailable, retry 2/2 in 2 s", lines[1]);
        Assert.Matches(@"^GET /teams -> 200 OK in \d+ ms \(sent 0 B, received 2 B, 3 attempts\)$", lines[2]);
        Assert.Equal(3, lines.Length);
    }

    [Fact]
    public async Task RealDelays_AreWaitedOut()
    {
        await using var server = await ScriptedServer.StartAsync();
        server.Then(503).Then(429, null, ("Retry-After", "0")).Then(200, "{}");
        var options = TransportFactory.Options(server.BaseUri);
        options.Retry.BaseDelay = TimeSpan.FromMilliseconds(20);
        using var transport = new ApiTransport(options);

        var response = await transport.SendAsync(TransportFactory.Get("/teams"), CancellationToken.None);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(3, server.Requests.Count);
    }
}
