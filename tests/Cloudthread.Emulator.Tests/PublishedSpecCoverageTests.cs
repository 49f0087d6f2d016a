using Cloudthread.Emulator.Tests.Infrastructure;

namespace Cloudthread.Emulator.Tests;

/// <summary>Every path and method of the published spec (api/cldthrd_api.yaml) is served and in the served contract.</summary>
public sealed class PublishedSpecCoverageTests(SharedEmulator shared) : IClassFixture<SharedEmulator>
{
    private TestEmulator Emu => shared.Emulator;

    [Fact]
    public async Task Every_published_operation_is_implemented()
    {
        var published = await NSwag.OpenApiYamlDocument.FromFileAsync(FindPublishedSpec());
        var served = await ContractSchemas.GetAsync(Emu.Http);
        var count = 0;
        foreach (var (path, item) in published.Paths)
        {
            foreach (var method in item.Keys)
            {
                count++;
                Assert.True(served.Paths.ContainsKey(path) && served.Paths[path].ContainsKey(method), $"{method} {path} missing from /openapi.yaml");
                var concrete = path.Replace("{team_id}", "platform", StringComparison.Ordinal)
                    .Replace("{metric_id}", path.StartsWith("/unit", StringComparison.Ordinal) ? "um-cost-per-request" : "cv-total", StringComparison.Ordinal);
                if (path.Contains("/metric/", StringComparison.Ordinal))
                {
                    concrete += "?start_date=2026-01-01&end_date=2026-01-02";
                }
                else if (path == "/tag-catalog")
                {
                    concrete += "?catalog_key=environment";
                }

                var result = await Emu.SendAsync(new HttpMethod(method.ToUpperInvariant()), concrete, method == "get" || method == "delete" ? null : "{}");
                Assert.True(result.Code is not (404 or 405) || (result.Code == 404 && result.ErrorCode != "NotFound"),
                    $"{method} {concrete}: {result.Code} {result.Body}");
            }
        }

        Assert.Equal(15, count);
    }

    private static string FindPublishedSpec()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "api", "cldthrd_api.yaml");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("api/cldthrd_api.yaml not found above the test directory");
    }
}
