using Cloudthread.Client.Models;
using Cloudthread.Client.Operations;

namespace Cloudthread.Client.Tests.Typed;

public sealed class CreateUserNotSupportedTests
{
    private const string Advice =
        "the server does not support creating users through the API (a CloudthreadPS extension honoured by the emulator); " +
        "invite users in the Cloudthread web app: Settings, User Management, Invite User";

    private static CloudthreadApiException ServerError(CloudthreadErrorKind kind, int status, string? code = null) =>
        new(kind, "HTTP " + status, "POST", "/users", status, code, "server says no", attempts: 2);

    [Theory]
    [InlineData(CloudthreadErrorKind.NotFound, 404, null)]
    [InlineData(CloudthreadErrorKind.NotFound, 404, "NotFound")]
    [InlineData(CloudthreadErrorKind.NotSupported, 405, null)]
    [InlineData(CloudthreadErrorKind.Unknown, 405, "MethodNotAllowed")]
    public async Task Missing_route_becomes_not_supported_with_advice(CloudthreadErrorKind kind, int status, string? code)
    {
        var original = ServerError(kind, status, code);
        var api = new FakeApi().Fail(original);
        var error = await Assert.ThrowsAsync<CloudthreadApiException>(() =>
            api.Client().CreateUserAsync(new NewUserRequest { Email = "new@example.com", Name = "New" }));

        Assert.Equal(CloudthreadErrorKind.NotSupported, error.Kind);
        Assert.Equal(Advice, error.Message);
        Assert.Equal((status, "POST", "/users", 2), (error.StatusCode!.Value, error.Method, error.Path, error.Attempts));
        Assert.Same(original, error.InnerException);
    }

    [Theory]
    [InlineData(CloudthreadErrorKind.NotFound, 404, "TeamNotFound")]
    [InlineData(CloudthreadErrorKind.Validation, 400, "ValidationFailed")]
    [InlineData(CloudthreadErrorKind.PermissionDenied, 403, null)]
    public void Other_failures_are_left_alone(CloudthreadErrorKind kind, int status, string? code) =>
        Assert.Null(UsersApi.MapCreateFailure(ServerError(kind, status, code)));

    [Fact]
    public async Task A_supporting_server_answers_the_created_user()
    {
        var api = new FakeApi().Answer(201, """{"id":"u-2000","email":"new@example.com","name":"New","role":"Member"}""");
        var user = await api.Client().CreateUserAsync(new NewUserRequest { Email = "new@example.com", Name = "New" });
        Assert.Equal(("u-2000", "Member"), (user.Id, user.Role));
        Assert.Equal(("POST", "/users"), (api.Requests[0].Method.Method, api.Requests[0].Path));
    }
}
