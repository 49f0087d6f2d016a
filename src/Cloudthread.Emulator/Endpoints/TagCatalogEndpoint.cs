using System.Text.Json.Nodes;
using Cloudthread.Emulator.Http;

namespace Cloudthread.Emulator.Endpoints;

/// <summary><c>GET /tag-catalog?catalog_key=</c>.</summary>
internal sealed class TagCatalogEndpoint(EmulatorRuntime runtime)
{
    public ApiResponse Handle(ApiRequest request)
    {
        var key = request.Query("catalog_key");
        if (string.IsNullOrEmpty(key))
        {
            throw ApiException.Validation("catalog_key", "is required");
        }

        if (!runtime.State.Seed.TagCatalogs.TryGetValue(key, out var tags))
        {
            throw ApiException.NotFound(ErrorCodes.CatalogNotFound, $"No tag catalog with key '{key}'.");
        }

        var array = new JsonArray(tags.Select(t => (JsonNode?)new JsonObject { ["Key"] = t.Key, ["Value"] = t.Value }).ToArray());
        return ApiResponse.Ok(new JsonObject { ["tags"] = array });
    }
}
