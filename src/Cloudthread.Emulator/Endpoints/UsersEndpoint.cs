using System.Text.Json;
using System.Text.Json.Nodes;
using Cloudthread.Emulator.Http;
using Cloudthread.Emulator.Model;

namespace Cloudthread.Emulator.Endpoints;

/// <summary><c>GET /users</c> and the extension <c>POST /users</c>.</summary>
internal sealed class UsersEndpoint(EmulatorRuntime runtime)
{
    public static readonly IReadOnlyList<string> Roles = ["Admin", "Member"];

    public static JsonArray ToJson(IEnumerable<UserRecord> users) =>
        new(users.Select(u => (JsonNode?)ToJson(u)).ToArray());

    public static JsonObject ToJson(UserRecord user) =>
        new() { ["id"] = user.Id, ["email"] = user.Email, ["name"] = user.Name, ["role"] = user.Role };

    public ApiResponse List(ApiRequest request) => ApiResponse.Ok(ToJson(runtime.State.GetUsers()));

    public ApiResponse Create(ApiRequest request)
    {
        var body = request.RequiredBody;
        var validation = new Validation();
        validation.RequireObject(body);

        var email = validation.RequiredString(body, "email", string.Empty)?.Trim();
        if (email is not null && !LooksLikeEmail(email))
        {
            validation.Add("email", "must be an email address (name@domain)");
        }

        var name = validation.RequiredName(body, "name", string.Empty)?.Trim();
        var role = validation.RequiredString(body, "role", string.Empty);
        if (role is not null && !Roles.Contains(role, StringComparer.Ordinal))
        {
            validation.Add("role", "must be Admin or Member");
        }

        string? teamId = null;
        if (Validation.TryGet(body, "team_id", out var team))
        {
            if (team.ValueKind == JsonValueKind.String && team.GetString()!.Length > 0)
            {
                teamId = team.GetString();
            }
            else if (team.ValueKind == JsonValueKind.Number && team.TryGetInt64(out var number))
            {
                teamId = number.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            else
            {
                validation.Add("team_id", "must be a non-empty string or an integer naming a team");
            }
        }

        validation.ThrowIfAny();
        var user = runtime.State.AddUser(email!, name!, role!, teamId);
        return ApiResponse.Created(ToJson(user));
    }

    private static bool LooksLikeEmail(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == email.LastIndexOf('@') && at < email.Length - 1 && !email.Any(char.IsWhiteSpace);
    }
}
