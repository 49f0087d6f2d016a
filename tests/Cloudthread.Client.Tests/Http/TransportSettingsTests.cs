using System.Net;
using Cloudthread.Client.Http;
using Cloudthread.Client.Tests.TestInfrastructure;

namespace Cloudthread.Client.Tests.Http;

public sealed class TransportSettingsTests
{
    [Theory]
    [InlineData("https://api.cloudthread.io")]
    [InlineData("https://example.com:8443/base/")]
    [InlineData("http://localhost:5000")]
    [InlineData("http://LOCALHOST/")]
    [InlineData("http://127.0.0.1:8080/")]
    [InlineData("http://127.12.0.9/")]
    [InlineData("http://[::1]:9000/")]
    public void HttpsOrLoopback_IsAccepted(string uri)
    {
        using var transport = new ApiTransport(new CloudthreadClientOptions { BaseUri = new Uri(uri), ApiKey = "k" });

        Assert.Equal(new Uri(uri), transport.BaseUri);
    }

    [Theory]
    [InlineData("http://api.cloudthread.io/v1?api_key=hunter2", "http://api.cloudthread.io/v1")]
    [InlineData("http://10.0.0.5:8080/x?secret=pw@", "http://10.0.0.5:8080/x")]
    [InlineData("http://localhost.example.com/", "http://localhost.example.com/")]
    [InlineData("http://128.0.0.1/", "http://128.0.0.1/")]
    public void PlainHttpToARemoteHost_IsAConfigurationError_NamingTheUriWithoutQuery(string uri, string shown)
    {
        var error = Assert.Throws<CloudthreadException>(() => new ApiTransport(new CloudthreadClientOptions { BaseUri = new Uri(uri), ApiKey = "k" }));

        Assert.Equal(CloudthreadErrorKind.Configuration, error.Kind);
        Assert.Contains("BaseUri " + shown + " uses plain HTTP", error.Message);
        Assert.Contains("unencrypted", error.Message);
        Assert.DoesNotContain("hunter2", error.Message);
        Assert.DoesNotContain("pw@", error.Message);
    }

    [Theory]
    [InlineData("http://user:S3cret@127.0.0.1:9/")]
    [InlineData("https://user:S3cret@api.cloudthread.io/")]
    [InlineData("https://S3cret@api.cloudthread.io/")]
    public void UserInformation_IsAConfigurationError_ThatDoesNotShowIt(string uri)
    {
        var error = Assert.Throws<CloudthreadException>(() => new ApiTransport(new CloudthreadClientOptions { BaseUri = new Uri(uri), ApiKey = "k" }));

        Assert.Equal(CloudthreadErrorKind.Configuration, error.Kind);
        Assert.Contains("user information", error.Message);
        Assert.DoesNotContain("S3cret", error.Message);
    }

    [Fact]
    public void OtherSchemes_AndRelativeUris_AreConfigurationErrors()
    {
        Assert.Equal(CloudthreadErrorKind.Configuration, Assert.Throws<CloudthreadException>(() => new ApiTransport(new CloudthreadClientOptions { BaseUri = new Uri("ftp://x.example/") })).Kind);
        Assert.Equal(CloudthreadErrorKind.Configuration, Assert.Throws<CloudthreadException>(() => new ApiTransport(new CloudthreadClientOptions { BaseUri = new Uri("/relative", UriKind.Relative) })).Kind);
    }

    [Fact]
    public void DefaultBaseUri_IsTheCloudthreadApi()
    {
        using var transport = new ApiTransport(new CloudthreadClientOptions { ApiKey = "k" });

        Assert.Equal(new Uri("https://api.cloudthread.io"), transport.BaseUri);
    }

    [Fact]
    public void AnApiKeyWithALineBreak_IsRejectedWithoutShowingIt()
    {
        var error = Assert.Throws<CloudthreadException>(() => new ApiTransport(new CloudthreadClientOptions { ApiKey = "secret-part\r\nX-Injected: 1" }));

        Assert.Equal(CloudthreadErrorKind.Configuration, error.Kind);
        Assert.DoesNotContain("secret-part", error.Message);
    }

    [Fact]
    public void BadRetryAndTimeoutSettings_AreConfigurationErrors()
    {
        Assert.Throws<CloudthreadException>(() => new ApiTransport(new CloudthreadClientOptions { Retry = new RetryOptions { MaxAttempts = 0 } }));
        Assert.Throws<CloudthreadException>(() => new ApiTransport(new CloudthreadClientOptions { AttemptTimeout = TimeSpan.Zero }));
        Assert.Throws<CloudthreadException>(() => new ApiTransport(new CloudthreadClientOptions { Retry = new RetryOptions { MaxDelay = TimeSpan.FromSeconds(-1) } }));
    }

    [Fact]
    public void ProxySystem_UsesThePlatformDefault()
    {
        var credential = new NetworkCredential("u", "p");
        var selection = ProxySelector.Select(new ProxyOptions { Mode = ProxyMode.System, Credential = credential });

        Assert.True(selection.UseProxy);
        Assert.Null(selection.Proxy);
        Assert.Same(credential, selection.DefaultProxyCredentials);
    }

    [Fact]
    public void ProxyNone_DisablesProxies()
    {
        var selection = ProxySelector.Select(new ProxyOptions { Mode = ProxyMode.None, Address = new Uri("http://proxy:1") });

        Assert.False(selection.UseProxy);
        Assert.Null(selection.Proxy);
    }

    [Fact]
    public void ProxyExplicit_UsesTheAddressAndCredential_ForEveryHost()
    {
        var credential = new NetworkCredential("u", "p");
        var selection = ProxySelector.Select(new ProxyOptions { Mode = ProxyMode.Explicit, Address = new Uri("http://proxy.example:3128"), Credential = credential });

        Assert.True(selection.UseProxy);
        var proxy = Assert.IsType<WebProxy>(selection.Proxy);
        Assert.Equal(new Uri("http://proxy.example:3128/"), proxy.GetProxy(new Uri("https://api.cloudthread.io/teams")));
        Assert.False(proxy.IsBypassed(new Uri("http://localhost:5000/")));
        Assert.Same(credential, proxy.Credentials);
    }

    [Fact]
    public void ProxyExplicit_WithoutAddress_IsAConfigurationError()
    {
        var error = Assert.Throws<CloudthreadException>(() => ProxySelector.Select(new ProxyOptions { Mode = ProxyMode.Explicit }));

        Assert.Equal(CloudthreadErrorKind.Configuration, error.Kind);
        Assert.Contains("Proxy.Address", error.Message);
    }

    [Fact]
    public async Task ExplicitProxy_ReceivesAbsoluteUriRequests_AndGetsTheCredentialOnChallenge()
    {
        await using var proxy = await ScriptedServer.StartAsync();
        proxy.Then(407, null, ("Proxy-Authenticate", "Basic realm=\"test\"")).Then(200, "{\"via\":\"proxy\"}");
        var target = new Uri("http://localhost:" + Ports.Closed() + "/");
        var options = TransportFactory.Options(target);
        options.Proxy = new ProxyOptions { Mode = ProxyMode.Explicit, Address = proxy.BaseUri, Credential = new NetworkCredential("alice", "s3cret") };
        using var transport = new ApiTransport(options);

        var response = await transport.SendAsync(TransportFactory.Get("/teams"), CancellationToken.None);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(2, proxy.Requests.Count);
        Assert.All(proxy.Requests, r => Assert.Equal(target + "teams", r.RawTarget));
        Assert.Equal("Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("alice:s3cret")), proxy.Requests[1].Header("Proxy-Authorization"));
        Assert.Equal(TransportFactory.ApiKey, proxy.Requests[1].Header("x-api-key"));
    }
}
