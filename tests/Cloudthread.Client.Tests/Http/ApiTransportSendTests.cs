using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using Cloudthread.Client.Http;
using Cloudthread.Client.Tests.TestInfrastructure;

namespace Cloudthread.Client.Tests.Http;

public sealed class ApiTransportSendTests
{
    [Fact]
    public async Task Get_SendsApiKeyUserAgentAndAccept_AndReturnsTheBody()
    {
        await using var server = await ScriptedServer.StartAsync();
        server.Then(200, "{\"teams\":[]}");
        using var transport = new ApiTransport(TransportFactory.Options(server.BaseUri));

        var response = await transport.SendAsync(TransportFactory.Get("/teams"), CancellationToken.None);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("{\"teams\":[]}", Encoding.UTF8.GetString(response.Body));
        Assert.StartsWith("application/json", response.ContentType);
        var request = Assert.Single(server.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal("/teams", request.Path);
        Assert.Equal(TransportFactory.ApiKey, request.Header("x-api-key"));
        Assert.Contains("application/json", request.Header("Accept"));
        Assert.Matches(new Regex(@"^CloudthreadPS/\d+\.\d+\.\d+[^ +]* \([^()]+; [^()]+\)$"), request.Header("User-Agent"));
    }

    [Fact]
    public void UserAgent_NamesProductVersionWithoutCommit_OsAndFramework()
    {
        var value = UserAgent.Value;

        Assert.StartsWith("CloudthreadPS/" + UserAgent.ProductVersion + " (", value);
        Assert.DoesNotContain("+", UserAgent.ProductVersion);
        Assert.Contains(UserAgent.Clean(System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription) + ")", value);
        Assert.Contains(UserAgent.Clean(System.Runtime.InteropServices.RuntimeInformation.OSDescription) + ";", value);
        Assert.Equal("Linux 6.1 [x] y", UserAgent.Clean("Linux\n6.1  (x)\u00e9y"));
    }

    [Fact]
    public async Task Post_SendsJsonBodyWithCharset_AndGzipEncodingWhenFlagged()
    {
        await using var server = await ScriptedServer.StartAsync();
        server.Then(201).Then(201);
        using var transport = new ApiTransport(TransportFactory.Options(server.BaseUri));
        var json = "{\"data\":[1,2,3]}";

        await transport.SendAsync(TransportFactory.PostJson("/events", json), CancellationToken.None);

        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            await gzip.WriteAsync(Encoding.UTF8.GetBytes(json));
        }

        var gzipRequest = new ApiRequest(HttpMethod.Post, "/streams/ingest") { JsonBody = compressed.ToArray(), BodyIsGzip = true };
        await transport.SendAsync(gzipRequest, CancellationToken.None);

        var plain = server.Requests[0];
        Assert.Equal("application/json; charset=utf-8", plain.Header("Content-Type"));
        Assert.Null(plain.Header("Content-Encoding"));
        Assert.Equal(json, Encoding.UTF8.GetString(plain.Body));

        var zipped = server.Requests[1];
        Assert.Equal("gzip", zipped.Header("Content-Encoding"));
        Assert.Equal(compressed.ToArray(), zipped.Body);
    }

    [Fact]
    public async Task Query_IsEscaped_AndBasePathIsKept()
    {
        await using var server = await ScriptedServer.StartAsync();
        server.Then(200, "[]");
        var options = TransportFactory.Options(new Uri(server.BaseUri, "api/"));
        using var transport = new ApiTransport(options);
        var request = TransportFactory.Get("/teams/a%2Fb/members");
        request.Query.Add(new("exclude", "a b,c&d=e"));
        request.Query.Add(new("start_date", "2024-01-01"));

        await transport.SendAsync(request, CancellationToken.None);

        var recorded = Assert.Single(server.Requests);
        Assert.Equal("/api/teams/a%2Fb/members?exclude=a%20b%2Cc%26d%3De&start_date=2024-01-01", recorded.RawTarget);
    }

    [Fact]
    public async Task EveryAttempt_SendsTheWholeBodyAgain()
    {
        await using var server = await ScriptedServer.StartAsync();
        server.Then(503).Then(200, "{}");
        using var transport = TransportFactory.Recorded(TransportFactory.Options(server.BaseUri), out _);

        await transport.SendAsync(TransportFactory.PostJson("/streams/ingest", "{\"data\":[42]}"), CancellationToken.None);

        Assert.Equal(2, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.Equal("{\"data\":[42]}", Encoding.UTF8.GetString(r.Body)));
    }

    [Fact]
    public async Task Redirect_IsNotFollowed_AndSaysWhere()
    {
        await using var server = await ScriptedServer.StartAsync();
        server.Then(302, null, ("Location", "https://elsewhere.example/teams?token=abc"));
        using var transport = new ApiTransport(TransportFactory.Options(server.BaseUri));

        var error = await Assert.ThrowsAsync<CloudthreadApiException>(() => transport.SendAsync(TransportFactory.Get("/teams"), CancellationToken.None));

        Assert.Single(server.Requests);
        Assert.Equal(302, error.StatusCode);
        Assert.Contains("redirected to https://elsewhere.example/teams", error.Message);
        Assert.DoesNotContain("abc", error.Message);
    }

    [Fact]
    public async Task ApiKey_IsReadAtEachCall_AndOmittedWhenUnset()
    {
        await using var server = await ScriptedServer.StartAsync();
        server.Then(200, "{}").Then(200, "{}");
        var options = TransportFactory.Options(server.BaseUri);
        using var transport = new ApiTransport(options);

        options.ApiKey = "rotated-key";
        await transport.SendAsync(TransportFactory.Get("/users"), CancellationToken.None);
        options.ApiKey = null;
        await transport.SendAsync(TransportFactory.Get("/users"), CancellationToken.None);

        Assert.Equal("rotated-key", server.Requests[0].Header("x-api-key"));
        Assert.Null(server.Requests[1].Header("x-api-key"));
    }

    [Fact]
    public async Task Disposed_TransportRefusesToSend()
    {
        await using var server = await ScriptedServer.StartAsync();
        var transport = new ApiTransport(TransportFactory.Options(server.BaseUri));
        transport.Dispose();
        transport.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => transport.SendAsync(TransportFactory.Get("/teams"), CancellationToken.None));
    }
}
