using System.Collections.Generic;
using System.Net.Http;
using Cloudthread.Client.Http;
using Cloudthread.Client.Models;
using Cloudthread.Client.Serialization;
using Cloudthread.Client.Validation;

namespace Cloudthread.Client.Operations
{
    /// <summary>GET /users and (ext) POST /users: request building, answer parsing, and the "not supported" mapping.</summary>
    internal static class UsersApi
    {
        public const string Path = "/users";

        public const string CreateNotSupportedMessage =
            "the server does not support creating users through the API (a CloudthreadPS extension honoured by the emulator); " +
            "invite users in the Cloudthread web app: Settings, User Management, Invite User";

        public static ApiRequest BuildList() => WireJson.Get(Path);

        public static ApiRequest BuildCreate(NewUserRequest? user)
        {
            UserValidator.Validate(user);
            var body = new NewUserWire
            {
                Email = user!.Email.Trim(),
                Name = user.Name,
                Role = user.Role.ToString(),
                TeamId = WireJson.EmptyAsNull(user.TeamId),
            };
            return new ApiRequest(HttpMethod.Post, Path) { RetryMode = RetryMode.OnlyIfNotProcessed }
                .WithBody(body, CloudthreadJsonContext.Default.NewUserWire);
        }

        public static IReadOnlyList<User> ParseList(ApiRequest request, ApiResponse response) =>
            WireJson.WithoutNulls(WireJson.Read(request, response, CloudthreadJsonContext.Default.ListUser));

        public static User ParseOne(ApiRequest request, ApiResponse response) =>
            WireJson.Read(request, response, CloudthreadJsonContext.Default.User)
            ?? throw WireJson.Unreadable(request, response, new System.Text.Json.JsonException("The body is empty; a user was expected."));

        /// <summary>
        /// A server without the extension answers 404 or 405 to POST /users: that becomes NotSupported with advice.
        /// A 404 that names a missing team (the request's team_id) is a real not-found and stays as it is.
        /// Returns null when <paramref name="error"/> should be rethrown unchanged.
        /// </summary>
        public static CloudthreadApiException? MapCreateFailure(CloudthreadApiException error)
        {
            var status = error.StatusCode;
            var routeMissing = status == 405 || error.Kind == CloudthreadErrorKind.NotSupported ||
                (status == 404 && error.ErrorCode != "TeamNotFound");
            if (!routeMissing)
            {
                return null;
            }

            return new CloudthreadApiException(
                CloudthreadErrorKind.NotSupported,
                CreateNotSupportedMessage,
                error.Method,
                error.Path,
                status,
                error.ErrorCode,
                error.ServerMessage,
                error.Details,
                error.Attempts,
                error);
        }
    }
}
