using System.Text.Json;
using System.Text.Json.Nodes;
using Cloudthread.Emulator.Http;
using Cloudthread.Emulator.Model;

namespace Cloudthread.Emulator.Endpoints;

/// <summary>The <c>/teams</c> operations: list, create, get, replace (PATCH), delete and members.</summary>
internal sealed class TeamsEndpoint(EmulatorRuntime runtime)
{
    public ApiResponse List(ApiRequest request) =>
        ApiResponse.Ok(new JsonArray(runtime.State.GetTeams().Select(t => (JsonNode?)t.ToJson()).ToArray()));

    public ApiResponse Create(ApiRequest request)
    {
        var definition = ReadDefinition(request.RequiredBody, idOverride: null);
        var team = runtime.State.CreateTeam(new TeamRecord(definition["id"]!.GetValue<string>(), definition, []));
        return ApiResponse.Ok(team.ToJson());
    }

    public ApiResponse Get(ApiRequest request) => ApiResponse.Ok(runtime.State.GetTeam(request.Route("team_id")).ToJson());

    public ApiResponse Update(ApiRequest request)
    {
        var id = request.Route("team_id");
        var definition = ReadDefinition(request.RequiredBody, idOverride: id);
        return ApiResponse.Ok(runtime.State.ReplaceTeam(id, definition).ToJson());
    }

    public ApiResponse Delete(ApiRequest request)
    {
        runtime.State.DeleteTeam(request.Route("team_id"));
        return ApiResponse.NoContent();
    }

    public ApiResponse Members(ApiRequest request) =>
        ApiResponse.Ok(UsersEndpoint.ToJson(runtime.State.GetMembers(request.Route("team_id"))));

    public ApiResponse Assign(ApiRequest request) => ChangeMembers(request, assign: true);

    public ApiResponse Remove(ApiRequest request) => ChangeMembers(request, assign: false);

    private ApiResponse ChangeMembers(ApiRequest request, bool assign)
    {
        var body = request.RequiredBody;
        var validation = new Validation();
        List<string>? ids = null;
        if (validation.ExpectObject(body, string.Empty))
        {
            if (!Validation.TryGet(body, "users_ids", out _))
            {
                validation.Add("users_ids", "is required");
            }
            else
            {
                ids = validation.OptionalStringArray(body, "users_ids", string.Empty);
            }
        }

        validation.ThrowIfAny();
        return ApiResponse.Ok(UsersEndpoint.ToJson(runtime.State.ChangeMembers(request.Route("team_id"), ids!, assign)));
    }

    private JsonObject ReadDefinition(JsonElement body, string? idOverride)
    {
        var validation = new Validation();
        var definition = TeamDefinitionReader.Read(body, validation, idOverride);
        validation.ThrowIfAny();
        if (definition["slack_channel"] is JsonNode channel &&
            !runtime.State.Seed.SlackChannels.Contains(channel.GetValue<string>(), StringComparer.Ordinal))
        {
            throw new ApiException(404, ErrorCodes.SlackChannelNotFound,
                $"Slack channel '{channel.GetValue<string>()}' is not known to the Slack integration.",
                [new ErrorDetail("slack_channel", "unknown Slack channel")]);
        }

        return definition;
    }
}
