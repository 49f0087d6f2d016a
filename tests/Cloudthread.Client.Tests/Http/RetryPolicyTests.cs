using Cloudthread.Client.Http;

namespace Cloudthread.Client.Tests.Http;

/// <summary>The retry rules as pure functions: backoff, Retry-After, failure classification, default modes.</summary>
public sealed class RetryPolicyTests
{
    [Theory]
    [InlineData("GET", true)]
    [InlineData("get", true)]
    [InlineData("PUT", true)]
    [InlineData("DELETE", true)]
    [InlineData("HEAD", true)]
    [InlineData("POST", false)]
    [InlineData("PATCH", false)]
    public void GenericRequests_AreIdempotentByMethod(string method, bool idempotent) =>
        Assert.Equal(idempotent ? RetryMode.Idempotent : RetryMode.OnlyIfNotProcessed, ApiRequest.DefaultRetryModeFor(new HttpMethod(method)));

    [Fact]
    public void Backoff_IsCappedByMaxDelay_AndScaledByJitter()
    {
        var options = new RetryOptions { BaseDelay = TimeSpan.FromMilliseconds(500), MaxDelay = TimeSpan.FromSeconds(3) };

        Assert.Equal(TimeSpan.FromMilliseconds(500), RetryPolicy.Backoff(1, options, 1.0));
        Assert.Equal(TimeSpan.FromSeconds(2), RetryPolicy.Backoff(3, options, 1.0));
        Assert.Equal(TimeSpan.FromSeconds(3), RetryPolicy.Backoff(40, options, 1.0));
        Assert.Equal(TimeSpan.FromSeconds(1), RetryPolicy.Backoff(3, options, 0.5));
        Assert.Equal(TimeSpan.Zero, RetryPolicy.Backoff(3, options, 0.0));
    }

    [Fact]
    public void RetryAfterInThePast_MeansNoWait()
    {
        var now = DateTimeOffset.UtcNow;

        Assert.Equal(TimeSpan.Zero, RetryPolicy.ParseRetryAfter(new System.Net.Http.Headers.RetryConditionHeaderValue(now.AddMinutes(-1)), now));
        Assert.Null(RetryPolicy.ParseRetryAfter(null, now));
    }

    [Fact]
    public void Classify_TellsRefusedFromTransientFromPermanent()
    {
        Assert.Equal(NetworkFailure.ConnectionRefused, RetryPolicy.Classify(new HttpRequestException("x", new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused))));
        Assert.Equal(NetworkFailure.Transient, RetryPolicy.Classify(new HttpRequestException("x", new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionReset))));
        Assert.Equal(NetworkFailure.Transient, RetryPolicy.Classify(new HttpRequestException("x", new IOException("ended prematurely"))));
        Assert.Equal(NetworkFailure.Permanent, RetryPolicy.Classify(new HttpRequestException("x", new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.HostNotFound))));
        Assert.Equal(NetworkFailure.Permanent, RetryPolicy.Classify(new HttpRequestException("x", new System.Security.Authentication.AuthenticationException("bad cert"))));
        Assert.Equal(NetworkFailure.ConnectionRefused, RetryPolicy.Classify(new HttpRequestException("x", new System.Net.WebException("x", System.Net.WebExceptionStatus.ConnectFailure))));
    }
}
