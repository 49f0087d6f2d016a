using Cloudthread.Client.Http;
using Cloudthread.Client.Tests.TestInfrastructure;

namespace Cloudthread.Client.Tests.Http;

/// <summary>Every body shape a server may send for an error, over real HTTP, down to the exception the caller sees.</summary>
public sealed class ErrorParsingTests
{
    private static async Task<CloudthreadApiException> FailWith(int status, string? body, string method = "POST", string path = "/events", params (string, string)[] headers)
    {
        await using var server = await ScriptedServer.StartAsync();
        server.Fallback = ServerStep.Status(status, body, headers);
        var options = TransportFactory.Options(server.BaseUri);
        options.Retry.MaxAttempts = 1;
        using var transport = new ApiTransport(options);
        var request = method == "GET" ? TransportFactory.Get(path) : TransportFactory.PostJson(path, "{\"data\":[]}", RetryMode.OnlyIfNotProcessed);
        return await Assert.ThrowsAsync<CloudthreadApiException>(() => transport.SendAsync(request, CancellationToken.None));
    }

    [Fact]
    public async Task ProjectShape_CodeMessageDetails()
    {
        var error = await FailWith(400, "{\"code\":\"ValidationFailed\",\"message\":\"data[3].timestamp: 10:30 is not on the hour\",\"details\":[{\"path\":\"data[3].timestamp\",\"message\":\"10:30 is not on the hour\"}]}");

        Assert.Equal("POST /events failed: 400 ValidationFailed: data[3].timestamp: 10:30 is not on the hour", error.Message);
        Assert.Equal(CloudthreadErrorKind.Validation, error.Kind);
        Assert.Equal(400, error.StatusCode);
        Assert.Equal("ValidationFailed", error.ErrorCode);
        Assert.Equal("data[3].timestamp: 10:30 is not on the hour", error.ServerMessage);
        var issue = Assert.Single(error.Details);
        Assert.Equal("data[3].timestamp", issue.Path);
        Assert.Equal("10:30 is not on the hour", issue.Message);
        Assert.Equal("POST", error.Method);
        Assert.Equal("/events", error.Path);
        Assert.Equal(1, error.Attempts);
    }

    [Fact]
    public async Task ProjectShape_GeneralMessageAndSeveralDetails()
    {
        var error = await FailWith(400, "{\"code\":\"ValidationFailed\",\"message\":\"2 invalid items\",\"details\":[{\"path\":\"data[0].payload.type\",\"message\":\"is required\"},{\"path\":\"data[1].timestamp\",\"message\":\"is not on the hour\"}]}");

        Assert.Equal("POST /events failed: 400 ValidationFailed: 2 invalid items: data[0].payload.type: is required; data[1].timestamp: is not on the hour", error.Message);
        Assert.Equal(2, error.Details.Count);
    }

    [Fact]
    public async Task ManyDetails_AreCutInTheMessage_ButAllKept()
    {
        var items = string.Join(",", Enumerable.Range(0, 8).Select(i => "{\"path\":\"data[" + i + "].metric_value\",\"message\":\"must be finite\"}"));
        var error = await FailWith(400, "{\"code\":\"ValidationFailed\",\"details\":[" + items + "]}");

        Assert.EndsWith("data[4].metric_value: must be finite; and 3 more", error.Message);
        Assert.Equal(8, error.Details.Count);
    }

    [Fact]
    public async Task NestedErrorShape()
    {
        var error = await FailWith(404, "{\"error\":{\"code\":\"TeamNotFound\",\"message\":\"team 42 does not exist\"}}", "GET", "/teams/42");

        Assert.Equal("GET /teams/42 failed: 404 TeamNotFound: team 42 does not exist", error.Message);
        Assert.Equal(CloudthreadErrorKind.NotFound, error.Kind);
        Assert.Equal("TeamNotFound", error.ErrorCode);
    }

    [Fact]
    public async Task NestedErrorShape_WithDetails()
    {
        var error = await FailWith(400, "{\"error\":{\"code\":\"Invalid\",\"message\":\"bad input\",\"details\":[{\"path\":\"name\",\"message\":\"is required\"}]}}");

        Assert.Equal("POST /events failed: 400 Invalid: bad input: name: is required", error.Message);
        Assert.Equal("name", Assert.Single(error.Details).Path);
    }

    [Fact]
    public async Task MessageOnlyShape()
    {
        var error = await FailWith(403, "{\"message\":\"Forbidden for this key\"}", "GET", "/users");

        Assert.Equal("GET /users failed: 403 Forbidden: Forbidden for this key", error.Message);
        Assert.Equal(CloudthreadErrorKind.PermissionDenied, error.Kind);
        Assert.Null(error.ErrorCode);
    }

    [Fact]
    public async Task DetailStringShape()
    {
        var error = await FailWith(401, "{\"detail\":\"Invalid API key\"}", "GET", "/users");

        Assert.Equal("GET /users failed: 401 Unauthorized: Invalid API key", error.Message);
        Assert.Equal(CloudthreadErrorKind.Authentication, error.Kind);
    }

    [Fact]
    public async Task FastApiDetailList_BecomesPaths()
    {
        var error = await FailWith(422, "{\"detail\":[{\"loc\":[\"body\",\"data\",3,\"timestamp\"],\"msg\":\"invalid datetime\",\"type\":\"value_error\"}]}");

        Assert.Equal("data[3].timestamp", Assert.Single(error.Details).Path);
        Assert.Contains("data[3].timestamp: invalid datetime", error.Message);
        Assert.Equal(CloudthreadErrorKind.Validation, error.Kind);
    }

    [Fact]
    public async Task ErrorStringShape()
    {
        var error = await FailWith(400, "{\"error\":\"start_date is after end_date\"}", "GET", "/cost/metric/7");

        Assert.Equal("GET /cost/metric/7 failed: 400 Bad Request: start_date is after end_date", error.Message);
    }

    [Fact]
    public async Task ProblemDetailsShape_WithAnErrorsMap()
    {
        var error = await FailWith(400, "{\"title\":\"One or more validation errors occurred.\",\"status\":400,\"errors\":{\"name\":[\"is required\"]}}");

        Assert.Equal("POST /events failed: 400 Bad Request: One or more validation errors occurred: name: is required", error.Message);
        Assert.Equal("name", Assert.Single(error.Details).Path);
    }

    [Fact]
    public async Task PlainText_IsShownOnOneLine()
    {
        var error = await FailWith(502, "upstream\nconnect error", "GET", "/teams");

        Assert.Equal("GET /teams failed: 502 Bad Gateway: upstream connect error", error.Message);
        Assert.Equal("upstream connect error", error.ServerMessage);
        Assert.Equal(CloudthreadErrorKind.ServerError, error.Kind);
    }

    [Fact]
    public async Task LongText_IsTruncated()
    {
        var error = await FailWith(500, new string('x', 5000), "GET", "/teams");

        Assert.Equal(ApiErrorBody.MaxTextLength, error.ServerMessage!.Length);
        Assert.EndsWith("...", error.ServerMessage);
        Assert.True(error.Message.Length < 400);
    }

    [Fact]
    public async Task Html_LosesItsTags()
    {
        var error = await FailWith(504, "<html><head><title>504 Gateway Time-out</title><style>b{}</style></head><body><h1>Gateway Time-out</h1></body></html>", "GET", "/teams", ("Content-Type", "text/html"));

        Assert.Equal("GET /teams failed: 504 Gateway Timeout: 504 Gateway Time-out Gateway Time-out", error.Message);
    }

    [Fact]
    public async Task EmptyBody_StillSaysMoreThanTheStatus()
    {
        var error = await FailWith(401, null, "GET", "/users");

        Assert.Equal("GET /users failed: 401 Unauthorized: the API key is missing or not valid (no message from the server)", error.Message);
    }

    [Fact]
    public async Task QueryValuesThatLookSecret_AreRedactedInPathAndMessage()
    {
        await using var server = await ScriptedServer.StartAsync();
        server.Fallback = ServerStep.Status(404, "{\"code\":\"CatalogNotFound\",\"message\":\"no catalog\"}");
        using var transport = new ApiTransport(TransportFactory.Options(server.BaseUri));
        var request = TransportFactory.Get("/tag-catalog");
        request.Query.Add(new("catalog_key", "environment"));
        request.Query.Add(new("api_key", "ck-123"));
        request.Query.Add(new("granularity", "day"));

        var error = await Assert.ThrowsAsync<CloudthreadApiException>(() => transport.SendAsync(request, CancellationToken.None));

        // catalog_key names a tag, not a credential: it stays readable.
        Assert.Equal("/tag-catalog?catalog_key=environment&api_key=***&granularity=day", error.Path);
        Assert.Equal("GET /tag-catalog?catalog_key=environment&api_key=***&granularity=day failed: 404 CatalogNotFound: no catalog", error.Message);
    }

    [Theory]
    [InlineData(400, CloudthreadErrorKind.Validation)]
    [InlineData(401, CloudthreadErrorKind.Authentication)]
    [InlineData(403, CloudthreadErrorKind.PermissionDenied)]
    [InlineData(404, CloudthreadErrorKind.NotFound)]
    [InlineData(405, CloudthreadErrorKind.NotSupported)]
    [InlineData(413, CloudthreadErrorKind.PayloadTooLarge)]
    [InlineData(429, CloudthreadErrorKind.Throttled)]
    [InlineData(500, CloudthreadErrorKind.ServerError)]
    [InlineData(503, CloudthreadErrorKind.ServerError)]
    [InlineData(409, CloudthreadErrorKind.Unknown)]
    public void Kind_FollowsTheStatus(int status, CloudthreadErrorKind kind) => Assert.Equal(kind, ApiErrorFactory.KindOf(status));
}
