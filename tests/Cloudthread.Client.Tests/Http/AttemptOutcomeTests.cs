using Cloudthread.Client.Http;
using Cloudthread.Client.Tests.TestInfrastructure;

namespace Cloudthread.Client.Tests.Http;

/// <summary>
/// What a call reports beyond its answer: its attempts and the reasons of its retries, whether the server may have
/// processed it although it failed, and the kinds of answers that are not the API (too large, redirects).
/// </summary>
public sealed class AttemptOutcomeTests
{
    [Fact]
    public async Task A_success_after_retries_reports_its_attempts_and_why_each_retry_was_made()
    {
        await using var server = await ScriptedServer.StartAsync();
        server.Then(503).Then(429, null, ("Retry-After", "0")).Then(200, "{}");
        using var transport = TransportFactory.Recorded(TransportFactory.Options(server.BaseUri), out _);

        var response = await transport.SendAsync(TransportFactory.Get("/teams"), CancellationToken.None);

        Assert.Equal(3, response.Attempts);
        Assert.Equal(2, response.RetryReasons.Count);
        Assert.StartsWith("503", response.RetryReasons[0], StringComparison.Ordinal);
        Assert.Equal("throttled (429)", response.RetryReasons[1]);
    }

    [Theory]
    [InlineData(400, false)]
    [InlineData(429, false)]
    [InlineData(503, false)]
    [InlineData(500, true)]
    [InlineData(502, true)]
    public async Task Only_an_answer_that_proves_it_says_not_processed(int status, bool mayHaveBeenProcessed)
    {
        await using var server = await ScriptedServer.StartAsync();
        server.Then(status, "{\"code\":\"X\",\"message\":\"no\"}");
        var options = TransportFactory.Options(server.BaseUri);
        options.Retry.MaxAttempts = 1;
        using var transport = TransportFactory.Recorded(options, out _);

        var error = await Assert.ThrowsAsync<CloudthreadApiException>(() => transport.SendAsync(TransportFactory.PostJson("/events", "{}", RetryMode.OnlyIfNotProcessed), CancellationToken.None));

        Assert.Equal(mayHaveBeenProcessed, error.MayHaveBeenProcessed);
    }

    [Fact]
    public async Task A_dropped_connection_may_have_been_processed_even_when_a_later_attempt_was_refused()
    {
        await using var server = await ScriptedServer.StartAsync();
        server.Then(ServerStep.Abort()).Then(429, null, ("Retry-After", "0"));
        var options = TransportFactory.Options(server.BaseUri);
        options.Retry.MaxAttempts = 2;
        using var transport = TransportFactory.Recorded(options, out _);

        var error = await Assert.ThrowsAsync<CloudthreadApiException>(() => transport.SendAsync(TransportFactory.PostJson("/streams/ingest", "{}"), CancellationToken.None));

        Assert.Equal(429, error.StatusCode);
        Assert.True(error.MayHaveBeenProcessed);
        Assert.Equal(2, error.Attempts);
        Assert.Single(error.RetryReasons);
    }

    [Fact]
    public async Task An_answer_over_MaxResponseBytes_is_ResponseTooLarge_and_may_have_been_processed()
    {
        await using var server = await ScriptedServer.StartAsync();
        server.Then(200, "[" + new string(' ', 5000) + "]");
        var options = TransportFactory.Options(server.BaseUri);
        options.MaxResponseBytes = 1024;
        using var transport = TransportFactory.Recorded(options, out _);

        var error = await Assert.ThrowsAsync<CloudthreadApiException>(() => transport.SendAsync(TransportFactory.Get("/teams"), CancellationToken.None));

        Assert.Equal(CloudthreadErrorKind.ResponseTooLarge, error.Kind);
        Assert.Contains("GET /teams", error.Message, StringComparison.Ordinal);
        Assert.Contains("1.0 KB", error.Message, StringComparison.Ordinal);
        Assert.True(error.MayHaveBeenProcessed);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task An_error_body_is_read_only_as_far_as_a_message_needs()
    {
        await using var server = await ScriptedServer.StartAsync();
        server.Then(400, new string('x', 1024 * 1024));
        using var transport = TransportFactory.Recorded(TransportFactory.Options(server.BaseUri), out _);

        var error = await Assert.ThrowsAsync<CloudthreadApiException>(() => transport.SendAsync(TransportFactory.Get("/teams"), CancellationToken.None));

        Assert.Equal(CloudthreadErrorKind.Validation, error.Kind);
        Assert.True(error.ServerMessage!.Length <= ApiErrorBody.MaxTextLength);
    }

    [Fact]
    public async Task A_redirect_is_its_own_kind()
    {
        await using var server = await ScriptedServer.StartAsync();
        server.Then(302, null, ("Location", "https://elsewhere.example/teams"));
        using var transport = TransportFactory.Recorded(TransportFactory.Options(server.BaseUri), out _);

        var error = await Assert.ThrowsAsync<CloudthreadApiException>(() => transport.SendAsync(TransportFactory.Get("/teams"), CancellationToken.None));

        Assert.Equal(CloudthreadErrorKind.Redirected, error.Kind);
        Assert.Contains("elsewhere.example", error.Message, StringComparison.Ordinal);
    }
}
