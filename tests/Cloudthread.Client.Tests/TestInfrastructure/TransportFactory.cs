using Cloudthread.Client.Http;

namespace Cloudthread.Client.Tests.TestInfrastructure;

internal static class TransportFactory
{
    public const string ApiKey = "ct-test-key-5f2b9a";

    /// <summary>Options for tests: no proxy, quick retries, a generous attempt timeout.</summary>
    public static CloudthreadClientOptions Options(Uri baseUri, ICloudthreadLogger? logger = null) => new()
    {
        BaseUri = baseUri,
        ApiKey = ApiKey,
        Proxy = new ProxyOptions { Mode = ProxyMode.None },
        AttemptTimeout = TimeSpan.FromSeconds(10),
        Retry = new RetryOptions
        {
            MaxAttempts = 3,
            BaseDelay = TimeSpan.FromSeconds(1),
            MaxDelay = TimeSpan.FromSeconds(30),
            TotalBudget = TimeSpan.FromMinutes(2),
        },
        Logger = logger,
    };

    /// <summary>A transport whose waits are recorded, not slept, with jitter fixed at its maximum.</summary>
    public static ApiTransport Recorded(CloudthreadClientOptions options, out RecordingClock clock, double jitter = 1.0)
    {
        clock = new RecordingClock();
        return new ApiTransport(options, clock, () => jitter);
    }

    /// <summary>A transport that sends through a pool of the test's own instead of the process-wide one.</summary>
    public static ApiTransport InPool(CloudthreadClientOptions options, HttpClientPool pool) => new(options, RetryClock.Real, RetryRandom.Default, pool);

    public static ApiRequest Get(string path) => new(HttpMethod.Get, path);

    public static ApiRequest PostJson(string path, string json, RetryMode mode = RetryMode.Idempotent) =>
        new(HttpMethod.Post, path) { JsonBody = System.Text.Encoding.UTF8.GetBytes(json), RetryMode = mode };
}
