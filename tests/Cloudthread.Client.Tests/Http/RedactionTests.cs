using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Cloudthread.Client.Http;
using Cloudthread.Client.Tests.TestInfrastructure;

namespace Cloudthread.Client.Tests.Http;

/// <summary>
/// Runs requests carrying a known API key and known data stream tokens through every log level and every
/// error path, with a server that echoes them back, and searches all logged text and every exception for them.
/// </summary>
public sealed class RedactionTests
{
    private const string Token = "dst-7c1d9e0f-secret-token";
    private const string CustomToken = "cst-a8b4-custom-one";
    private const string QuerySecret = "qs-4471-query-secret";

    private static readonly string[] Secrets = { TransportFactory.ApiKey, Token, CustomToken, QuerySecret };

    private static string IngestBody =>
        "{\"data_stream_token\":\"" + Token + "\",\"custom_stream_tokens\":[\"" + CustomToken + "\"],\"metric_agg_func\":\"Sum\",\"data\":[{\"metric_name\":\"m\"}]}";

    private static void AssertNoSecret(string text)
    {
        foreach (var secret in Secrets)
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }

    private static void AssertNoSecret(CloudthreadApiException error)
    {
        AssertNoSecret(error.ToString());
        AssertNoSecret(error.Path);
        AssertNoSecret(error.ServerMessage ?? string.Empty);
        AssertNoSecret(error.ErrorCode ?? string.Empty);
        AssertNoSecret(string.Join("\n", error.Details));
    }

    private static ApiRequest IngestRequest()
    {
        var request = TransportFactory.PostJson("/streams/ingest", IngestBody);
        request.Query.Add(new("api_token", QuerySecret));
        return request;
    }

    [Theory]
    [InlineData("GET /tag-catalog?catalog_key=environment: 503 Service Unavailable, retry 1/4 in 110 ms",
        "GET /tag-catalog?catalog_key=environment: 503 Service Unavailable, retry 1/4 in 110 ms")]
    [InlineData("GET /x?api_token=abc: 503, retry 1/4", "GET /x?api_token=***: 503, retry 1/4")]
    [InlineData("GET /x?token=a:b&key=k&page=2", "GET /x?token=***&key=***&page=2")]
    [InlineData("GET /x?monkey=banana&x-api-key=s", "GET /x?monkey=banana&x-api-key=***")]
    public void A_retry_line_hides_credential_values_only_and_keeps_its_colon(string line, string expected) =>
        Assert.Equal(expected, SecretRedactor.Redact(line));

    [Fact]
    public async Task ServerErrorsEchoingSecrets_NeverReachLogsOrExceptions()
    {
        var echo = "stream " + Token + " (custom " + CustomToken + ") not found for key " + TransportFactory.ApiKey + " at /x?token=" + QuerySecret;
        await using var server = await ScriptedServer.StartAsync();
        server.Then(503, echo, ("X-Echo", TransportFactory.ApiKey))
            .Then(404, "{\"code\":\"StreamNotFound\",\"message\":\"" + echo + "\",\"details\":[{\"path\":\"data_stream_token\",\"message\":\"" + Token + " is unknown\"}]}");
        var logger = new TestLogger(CloudthreadLogLevel.Detail);
        using var transport = TransportFactory.Recorded(TransportFactory.Options(server.BaseUri, logger), out _);

        var error = await Assert.ThrowsAsync<CloudthreadApiException>(() => transport.SendAsync(IngestRequest(), CancellationToken.None));

        // The server did get the real values.
        Assert.Equal(TransportFactory.ApiKey, server.Requests[0].Header("x-api-key"));
        Assert.Contains(Token, Encoding.UTF8.GetString(server.Requests[0].Body));
        Assert.Contains(QuerySecret, server.Requests[0].QueryString);

        // Every level logged something: retry line, summary, request and response details.
        Assert.Contains(logger.Messages(CloudthreadLogLevel.Summary), l => l.Contains("retry 1/2", StringComparison.Ordinal));
        Assert.Contains(logger.Messages(CloudthreadLogLevel.Detail), l => l.Contains("x-api-key: ***", StringComparison.Ordinal));
        Assert.Contains(logger.Messages(CloudthreadLogLevel.Detail), l => l.Contains("\n  User-Agent: " + UserAgent.Value + "\n", StringComparison.Ordinal));
        Assert.Contains(logger.Messages(CloudthreadLogLevel.Detail), l => l.Contains("\"data_stream_token\":\"***\"", StringComparison.Ordinal));
        Assert.Contains(logger.Messages(CloudthreadLogLevel.Detail), l => l.Contains("StreamNotFound", StringComparison.Ordinal));
        AssertNoSecret(logger.AllText);

        Assert.Equal(CloudthreadErrorKind.NotFound, error.Kind);
        Assert.Contains("stream *** (custom ***) not found for key ***", error.Message);
        AssertNoSecret(error);
    }

    [Fact]
    public async Task SuccessfulCalls_LogNoSecrets()
    {
        await using var server = await ScriptedServer.StartAsync();
        server.Then(201, "{\"data_stream_token\":\"" + Token + "\",\"echo\":\"" + TransportFactory.ApiKey + "\"}", ("x-api-key", TransportFactory.ApiKey));
        var logger = new TestLogger(CloudthreadLogLevel.Detail);
        using var transport = new ApiTransport(TransportFactory.Options(server.BaseUri, logger));

        var response = await transport.SendAsync(IngestRequest(), CancellationToken.None);

        Assert.Contains(Token, Encoding.UTF8.GetString(response.Body));
        Assert.Equal(3, logger.Lines.Count);
        Assert.Contains(logger.Messages(CloudthreadLogLevel.Summary), l => l.StartsWith("POST /streams/ingest?api_token=*** -> 201 Created", StringComparison.Ordinal));
        AssertNoSecret(logger.AllText);
    }

    [Fact]
    public async Task GzipBodies_AreShownDecompressedAndRedacted_WithDeclaredSecrets()
    {
        await using var server = await ScriptedServer.StartAsync();
        server.Then(400, "token " + Token + " rejected");
        var logger = new TestLogger(CloudthreadLogLevel.Detail);
        var options = TransportFactory.Options(server.BaseUri, logger);
        using var transport = new ApiTransport(options);
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            await gzip.WriteAsync(Encoding.UTF8.GetBytes(IngestBody));
        }

        var request = new ApiRequest(HttpMethod.Post, "/streams/ingest") { JsonBody = compressed.ToArray(), BodyIsGzip = true };
        request.SecretValues.Add(Token);

        var error = await Assert.ThrowsAsync<CloudthreadApiException>(() => transport.SendAsync(request, CancellationToken.None));

        Assert.Contains(logger.Messages(CloudthreadLogLevel.Detail), l => l.Contains("(gzip, ", StringComparison.Ordinal) && l.Contains("\"metric_agg_func\":\"Sum\"", StringComparison.Ordinal));
        AssertNoSecret(logger.AllText);
        Assert.Equal("POST /streams/ingest failed: 400 Bad Request: token *** rejected", error.Message);
        AssertNoSecret(error);
    }

    [Fact]
    public async Task PlainBodies_WithDeclaredSecrets_AreRedactedWithoutTheBodyScan()
    {
        // As the ingest sender sends: the token declared, the body not searched for it.
        await using var server = await ScriptedServer.StartAsync();
        server.Then(400, "stream " + Token + " unknown");
        var logger = new TestLogger(CloudthreadLogLevel.Detail);
        using var transport = new ApiTransport(TransportFactory.Options(server.BaseUri, logger));
        var body = "{\"data_stream_token\":\"" + Token + "\",\"metric_agg_func\":\"Sum\",\"data\":[{\"metric_name\":\"" + Token + "\"}]}";
        var request = new ApiRequest(HttpMethod.Post, "/streams/ingest") { JsonBody = Encoding.UTF8.GetBytes(body), BodySecretsDeclared = true };
        request.SecretValues.Add(Token);

        var error = await Assert.ThrowsAsync<CloudthreadApiException>(() => transport.SendAsync(request, CancellationToken.None));

        Assert.Equal(Token, JsonDocument.Parse(server.Requests[0].Body.AsMemory()).RootElement.GetProperty("data_stream_token").GetString());
        Assert.Contains(logger.Messages(CloudthreadLogLevel.Detail), l => l.Contains("\"metric_name\":\"***\"", StringComparison.Ordinal));
        AssertNoSecret(logger.AllText);
        AssertNoSecret(error);
    }

    [Fact]
    public async Task NetworkFailures_LogAndRaiseNoSecrets()
    {
        var logger = new TestLogger(CloudthreadLogLevel.Detail);
        var options = TransportFactory.Options(new Uri("http://127.0.0.1:" + Ports.Closed() + "/"), logger);
        using var transport = TransportFactory.Recorded(options, out _);

        var error = await Assert.ThrowsAsync<CloudthreadApiException>(() => transport.SendAsync(IngestRequest(), CancellationToken.None));

        Assert.Equal(CloudthreadErrorKind.Network, error.Kind);
        Assert.Contains(logger.Messages(CloudthreadLogLevel.Summary), l => l.Contains("connection refused", StringComparison.Ordinal) && l.Contains("3 attempts", StringComparison.Ordinal));
        AssertNoSecret(logger.AllText);
        AssertNoSecret(error);
    }

    [Fact]
    public async Task Timeouts_LogAndRaiseNoSecrets()
    {
        await using var server = await ScriptedServer.StartAsync();
        server.Fallback = ServerStep.Hang();
        var logger = new TestLogger(CloudthreadLogLevel.Detail);
        var options = TransportFactory.Options(server.BaseUri, logger);
        options.AttemptTimeout = TimeSpan.FromMilliseconds(100);
        options.Retry.MaxAttempts = 2;
        using var transport = TransportFactory.Recorded(options, out _);

        var error = await Assert.ThrowsAsync<CloudthreadApiException>(() => transport.SendAsync(IngestRequest(), CancellationToken.None));

        Assert.Equal(CloudthreadErrorKind.Timeout, error.Kind);
        // The request is logged, its token masked, with the timeout that ended it: the secrets are absent from real lines.
        Assert.Contains(logger.Messages(CloudthreadLogLevel.Summary), l => l.StartsWith("POST /streams/ingest?api_token=*** -> ", StringComparison.Ordinal) && l.Contains("2 attempts", StringComparison.Ordinal));
        Assert.Contains(logger.Messages(CloudthreadLogLevel.Detail), l => l.Contains("\"data_stream_token\":\"***\"", StringComparison.Ordinal));
        AssertNoSecret(logger.AllText);
        AssertNoSecret(error);
    }

    [Fact]
    public async Task LogScope_OverridesTheConnectionLogger()
    {
        await using var server = await ScriptedServer.StartAsync();
        server.Then(200, "{}").Then(200, "{}");
        var connectionLogger = new TestLogger(CloudthreadLogLevel.Summary);
        var scopeLogger = new TestLogger(CloudthreadLogLevel.Summary);
        using var transport = new ApiTransport(TransportFactory.Options(server.BaseUri, connectionLogger));

        using (CloudthreadLogScope.Begin(scopeLogger))
        {
            await transport.SendAsync(TransportFactory.Get("/teams"), CancellationToken.None);
        }

        await transport.SendAsync(TransportFactory.Get("/users"), CancellationToken.None);

        Assert.Contains("GET /teams -> 200 OK", Assert.Single(scopeLogger.Lines).Message);
        Assert.Contains("GET /users -> 200 OK", Assert.Single(connectionLogger.Lines).Message);
    }

    [Fact]
    public async Task SummaryLevel_LogsNoBodies()
    {
        await using var server = await ScriptedServer.StartAsync();
        server.Then(200, "{\"secretish\":1}");
        var logger = new TestLogger(CloudthreadLogLevel.Summary);
        using var transport = new ApiTransport(TransportFactory.Options(server.BaseUri, logger));

        await transport.SendAsync(TransportFactory.PostJson("/teams", "{\"id\":\"t1\"}"), CancellationToken.None);

        var line = Assert.Single(logger.Lines);
        Assert.Equal(CloudthreadLogLevel.Summary, line.Level);
        Assert.Matches(@"^POST /teams -> 200 OK in \d+ ms \(sent 11 B, received 15 B, 1 attempt\)$", line.Message);
    }

    [Theory]
    [InlineData("{\"data_stream_token\": \"abc\\\"def\", \"x\": 1}", "{\"data_stream_token\": \"***\", \"x\": 1}")]
    [InlineData("{\"DATA_STREAM_TOKEN\":\"abc\"}", "{\"DATA_STREAM_TOKEN\":\"***\"}")]
    [InlineData("{\"data_stream_token\":\"abc", "{\"data_stream_token\":\"***")]
    [InlineData("{\"custom_stream_tokens\": [\"a\", \"b]c\" ,\"d\"], \"n\": \"keep\"}", "{\"custom_stream_tokens\": [\"***\", \"***\" ,\"***\"], \"n\": \"keep\"}")]
    [InlineData("{\"custom_stream_tokens\":[\"abc", "{\"custom_stream_tokens\":[\"***\"")]
    [InlineData("/x?api_key=1&Token=2&pass=3&my_secret=4&passwordHash=5&b=6", "/x?api_key=***&Token=***&pass=3&my_secret=***&passwordHash=***&b=6")]
    [InlineData("see https://h/x?access_token=abc#frag and more", "see https://h/x?access_token=***#frag and more")]
    [InlineData("plain text = fine", "plain text = fine")]
    public void Redact_AppliesTheTextRules(string input, string expected) => Assert.Equal(expected, SecretRedactor.Redact(input));

    [Fact]
    public void Redact_RemovesEveryLiteralKnownSecret()
    {
        Assert.Equal("k=*** and *** and ***", SecretRedactor.Redact("k=KEY and KEY and TOK", new[] { "KEY", "TOK", string.Empty }));
    }

    [Theory]
    [InlineData("x-api-key", true)]
    [InlineData("X-API-KEY", true)]
    [InlineData("Authorization", true)]
    [InlineData("Proxy-Authorization", true)]
    [InlineData("Content-Type", false)]
    public void SecretHeaders_AreMasked(string name, bool masked) =>
        Assert.Equal(masked ? SecretRedactor.Mask : "value", SecretRedactor.RedactHeaderValue(name, "value"));
}
