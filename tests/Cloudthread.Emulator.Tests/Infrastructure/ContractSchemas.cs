using NSwag;

namespace Cloudthread.Emulator.Tests.Infrastructure;

/// <summary>
/// The emulator's own served contract (<c>GET /openapi.yaml</c>), loaded once, and the check every
/// response in the tests goes through: the status must be declared for the operation and the body
/// must validate against the declared schema.
/// </summary>
internal static class ContractSchemas
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static OpenApiDocument? _document;

    public static async Task<OpenApiDocument> GetAsync(HttpClient client)
    {
        if (_document is not null)
        {
            return _document;
        }

        await Gate.WaitAsync();
        try
        {
            if (_document is null)
            {
                var yaml = await client.GetStringAsync(new Uri("/openapi.yaml", UriKind.Relative));
                _document = await NSwag.OpenApiYamlDocument.FromYamlAsync(yaml);
            }

            return _document;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Asserts that the response (status and body) is what the contract declares.</summary>
    public static async Task AssertConformsAsync(HttpClient client, HttpMethod method, string path, int status, string body)
    {
        var document = await GetAsync(client);
        var template = FindTemplate(document, path);
        NJsonSchema.JsonSchema? schema;
        if (template is null || !document.Paths[template].TryGetValue(method.Method.ToLowerInvariant(), out var operation))
        {
            // Unknown path or method: the error body (404, 405, or a fault injected before routing).
            Assert.True(status is 404 or 405 or 429 or 500 or 502 or 503 or 504 or 401, $"{method} {path}: unexpected status {status} outside the contract");
            schema = document.Components.Schemas["Error"];
        }
        else
        {
            Assert.True(operation.Responses.TryGetValue(status.ToString(System.Globalization.CultureInfo.InvariantCulture), out var response),
                $"{method} {template}: status {status} is not declared in /openapi.yaml");
            var actual = response.ActualResponse;
            if (actual.Content.Count == 0)
            {
                Assert.True(body.Length == 0, $"{method} {template} {status}: declared without a body but got: {body}");
                return;
            }

            schema = actual.Content["application/json"].Schema.ActualSchema;
        }

        Assert.False(string.IsNullOrEmpty(body), $"{method} {path} {status}: expected a JSON body");
        var errors = schema.Validate(body);
        Assert.True(errors.Count == 0,
            $"{method} {path} {status}: body does not match the contract: {string.Join("; ", errors.Select(e => e.ToString()))}\n{Trim(body)}");
    }

    private static string? FindTemplate(OpenApiDocument document, string path)
    {
        var clean = path.Split('?')[0];
        if (clean.StartsWith("/api/", StringComparison.Ordinal))
        {
            clean = clean[4..];
        }

        var segments = clean.Split('/', StringSplitOptions.RemoveEmptyEntries);
        foreach (var template in document.Paths.Keys)
        {
            var parts = template.Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == segments.Length &&
                parts.Zip(segments).All(p => p.First.StartsWith('{') || p.First == Uri.UnescapeDataString(p.Second)))
            {
                return template;
            }
        }

        return null;
    }

    private static string Trim(string body) => body.Length > 2000 ? body[..2000] + "..." : body;
}
