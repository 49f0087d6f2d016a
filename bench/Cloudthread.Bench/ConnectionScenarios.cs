using System.Diagnostics;
using Cloudthread.Client;
using Cloudthread.Client.Http;

namespace Cloudthread.Bench;

/// <summary>
/// Item 7: what a connection costs. Connect-Cloudthread builds one client; every cmdlet given -ApiKey builds one
/// for its single call. Both go through the process-wide HTTP client factory (src/Cloudthread.Client/Http/HttpClientPool.cs);
/// the comparison rows build a factory per client, as every connection did before (issue 15).
/// </summary>
internal static class ConnectionScenarios
{
    /// <summary>Microseconds to build an HTTP client factory and its first handler chain (median).</summary>
    public static double BuildFactory(int runs) =>
        Measure.Median(Enumerable.Range(0, Math.Max(runs, 20)).Select(_ => Time(() =>
        {
            using var pool = new HttpClientPool(HttpClientPool.DefaultHandlerLifetime);
            pool.CreateClient(pool.NameFor(null));
        })).ToList());

    /// <summary>Microseconds to build a client (what Connect-Cloudthread does), median.</summary>
    public static double Connect(Uri baseUri, string apiKey, int runs) =>
        Measure.Median(Enumerable.Range(0, Math.Max(runs, 100))
            .Select(_ => Time(() => new CloudthreadClient(new CloudthreadClientOptions { BaseUri = baseUri, ApiKey = apiKey }).Dispose()))
            .ToList());

    /// <summary>
    /// <paramref name="calls"/> one-call -ApiKey invocations: each a client of its own, one GET /users, disposed;
    /// with <paramref name="factoryPerCall"/>, each also with a factory of its own (the former way). Returns the
    /// time per call, the bytes allocated per call, and the managed heap left after a full collection compared
    /// with before (what the calls keep alive).
    /// </summary>
    public static async Task<(double MillisecondsPerCall, double AllocatedPerCall, long Retained)> OneCallApiKeyAsync(Uri baseUri, string apiKey, int calls, bool factoryPerCall)
    {
        Measure.CollectFully();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < calls; i++)
        {
            var options = new CloudthreadClientOptions { BaseUri = baseUri, ApiKey = apiKey };
            if (factoryPerCall)
            {
                using var pool = new HttpClientPool(HttpClientPool.DefaultHandlerLifetime);
                using var transport = new ApiTransport(options, RetryClock.Real, RetryRandom.Default, pool);
                await transport.SendAsync(new ApiRequest(HttpMethod.Get, "/users"), CancellationToken.None);
            }
            else
            {
                using var client = new CloudthreadClient(options);
                await client.GetUsersAsync();
            }
        }

        stopwatch.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        Measure.CollectFully();
        var retained = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;
        return (stopwatch.Elapsed.TotalMilliseconds / calls, (double)allocated / calls, retained);
    }

    private static double Time(Action action)
    {
        var stopwatch = Stopwatch.StartNew();
        action();
        return stopwatch.Elapsed.TotalMilliseconds * 1000;
    }
}
