namespace Cloudthread.Emulator.Http;

/// <summary>
/// Matches a request path against the API's templates. Knows the difference between an unknown path
/// (404) and a known path with the wrong method (405 with Allow), which the error bodies need.
/// The legacy <c>/api</c> prefix of older clients is accepted.
/// </summary>
internal sealed class ApiRouter(IReadOnlyList<ApiRoute> routes)
{
    public IReadOnlyList<ApiRoute> Routes { get; } = routes;

    public RouteMatch Match(string method, string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Select(Uri.UnescapeDataString)
            .ToArray();
        var result = MatchSegments(method, segments);
        if (result.Route is null && result.AllowedMethods.Count == 0 && segments.Length > 1 && segments[0] == "api")
        {
            result = MatchSegments(method, segments[1..]);
        }

        return result;
    }

    private RouteMatch MatchSegments(string method, string[] segments)
    {
        var allowed = new List<string>();
        foreach (var route in Routes)
        {
            var values = TryMatch(route, segments);
            if (values is null)
            {
                continue;
            }

            if (string.Equals(route.Method, method, StringComparison.OrdinalIgnoreCase))
            {
                return new RouteMatch(route, values, []);
            }

            allowed.Add(route.Method);
        }

        return new RouteMatch(null, new Dictionary<string, string>(), allowed);
    }

    private static Dictionary<string, string>? TryMatch(ApiRoute route, string[] segments)
    {
        if (route.Segments.Length != segments.Length)
        {
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < segments.Length; i++)
        {
            var template = route.Segments[i];
            if (template.StartsWith('{'))
            {
                values[template[1..^1]] = segments[i];
            }
            else if (!string.Equals(template, segments[i], StringComparison.Ordinal))
            {
                return null;
            }
        }

        return values;
    }
}

/// <summary>The outcome of routing: a route, or the methods the path allows (empty: unknown path).</summary>
internal sealed record RouteMatch(ApiRoute? Route, IReadOnlyDictionary<string, string> Values, IReadOnlyList<string> AllowedMethods);
