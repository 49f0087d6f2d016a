using System.Net;
using Cloudthread.Client.Http;
using Cloudthread.Client.Tests.TestInfrastructure;

namespace Cloudthread.Client.Tests.Http;

/// <summary>
/// One IHttpClientFactory for the process: a named client per proxy setting, handlers registered once and
/// shared by every connection, a finite handler lifetime. Each test uses a pool of its own (the shared one is
/// process-wide), except where the shared one itself is the subject.
/// </summary>
public sealed class HttpClientPoolTests
{
    [Fact]
    public void The_shared_pool_has_a_finite_handler_lifetime()
    {
        Assert.Same(HttpClientPool.Shared, HttpClientPool.Shared);
        Assert.Equal(TimeSpan.FromMinutes(5), HttpClientPool.Shared.HandlerLifetime);
        Assert.Equal(HttpClientPool.DefaultHandlerLifetime, HttpClientPool.Shared.HandlerLifetime);
    }

    [Fact]
    public void Connections_with_the_same_proxy_settings_share_one_named_client()
    {
        using var pool = new HttpClientPool(HttpClientPool.DefaultHandlerLifetime);
        var names = new HashSet<string>();

        // A thousand one-call -ApiKey invocations, each with its own options and key.
        for (var i = 0; i < 1000; i++)
        {
            var options = new CloudthreadClientOptions { ApiKey = "key-" + i, Proxy = new ProxyOptions { Mode = ProxyMode.None } };
            using var transport = TransportFactory.InPool(options, pool);
            names.Add(transport.ClientName);
        }

        Assert.Single(names);
        Assert.Equal(1, pool.NamedClientCount);
        Assert.Equal(pool.NameFor(null), pool.NameFor(new ProxyOptions { Mode = ProxyMode.System }));
    }

    [Fact]
    public void Different_proxy_settings_get_different_names_that_show_no_address_credential_or_key()
    {
        using var pool = new HttpClientPool(HttpClientPool.DefaultHandlerLifetime);
        var address = new Uri("http://proxy-host.example:8080/");
        ProxyOptions Explicit(string user, string password) =>
            new() { Mode = ProxyMode.Explicit, Address = address, Credential = new NetworkCredential(user, password) };

        var names = new[]
        {
            pool.NameFor(null),
            pool.NameFor(new ProxyOptions { Mode = ProxyMode.None }),
            pool.NameFor(Explicit("proxy-user", "proxy-secret-1")),
            pool.NameFor(Explicit("proxy-user", "proxy-secret-2")),
        };

        Assert.Equal(names.Length, names.Distinct().Count());
        // A new NetworkCredential with the same values is the same setting (each Connect-Cloudthread builds one).
        Assert.Equal(names[2], pool.NameFor(Explicit("proxy-user", "proxy-secret-1")));
        Assert.All(names, name =>
        {
            Assert.StartsWith("Cloudthread.", name);
            Assert.DoesNotContain("proxy-host", name);
            Assert.DoesNotContain("proxy-user", name);
            Assert.DoesNotContain("secret", name);
        });

        using var keyed = TransportFactory.InPool(new CloudthreadClientOptions { ApiKey = "ct-key-never-in-a-name" }, pool);
        Assert.DoesNotContain("ct-key", keyed.ClientName);
    }

    [Fact]
    public void A_registered_setting_is_a_copy_the_caller_cannot_change_afterwards()
    {
        using var pool = new HttpClientPool(HttpClientPool.DefaultHandlerLifetime);
        var proxy = new ProxyOptions { Mode = ProxyMode.None };
        var name = pool.NameFor(proxy);

        proxy.Mode = ProxyMode.Explicit;
        proxy.Address = new Uri("http://proxy.example:8080/");

        Assert.NotEqual(name, pool.NameFor(proxy));
        Assert.Equal(name, pool.NameFor(new ProxyOptions { Mode = ProxyMode.None }));
    }

    [Fact]
    public async Task Connections_share_the_handler_chain_but_each_request_carries_its_own_key_and_logger()
    {
        await using var server = await ScriptedServer.StartAsync();
        server.Then(200, "{}").Then(200, "{}");
        using var pool = new HttpClientPool(HttpClientPool.DefaultHandlerLifetime);
        var firstLog = new TestLogger(CloudthreadLogLevel.Summary);
        var secondLog = new TestLogger(CloudthreadLogLevel.Summary);
        var first = TransportFactory.Options(server.BaseUri, firstLog);
        var second = TransportFactory.Options(server.BaseUri, secondLog);
        second.ApiKey = "ct-second-connection-key";
        using var a = TransportFactory.InPool(first, pool);
        using var b = TransportFactory.InPool(second, pool);

        await a.SendAsync(TransportFactory.Get("/teams"), CancellationToken.None);
        await b.SendAsync(TransportFactory.Get("/users"), CancellationToken.None);

        Assert.Equal(a.ClientName, b.ClientName);
        Assert.Equal(1, pool.HandlerChainsBuilt);
        Assert.Equal([TransportFactory.ApiKey, "ct-second-connection-key"], server.Requests.Select(r => r.Header("x-api-key")));
        Assert.Contains("/teams", firstLog.AllText);
        Assert.DoesNotContain("/users", firstLog.AllText);
        Assert.Contains("/users", secondLog.AllText);
    }

    [Fact]
    public async Task An_expired_handler_chain_is_replaced_for_the_next_request()
    {
        await using var server = await ScriptedServer.StartAsync();
        server.Then(200, "{}").Then(200, "{}");
        // One second is the factory's minimum lifetime.
        using var pool = new HttpClientPool(TimeSpan.FromSeconds(1));
        using var transport = TransportFactory.InPool(TransportFactory.Options(server.BaseUri), pool);

        await transport.SendAsync(TransportFactory.Get("/teams"), CancellationToken.None);
        Assert.Equal(1, pool.HandlerChainsBuilt);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await transport.SendAsync(TransportFactory.Get("/teams"), CancellationToken.None);

        Assert.Equal(2, pool.HandlerChainsBuilt);
    }
}
