using System.Net;
using System.Reflection;
using Cloudthread.Client;

namespace Cloudthread.Client.Tests.Http;

/// <summary>A connection's settings are copied with Clone: every setting, with nested options copied, not shared.</summary>
public sealed class ClientOptionsCloneTests
{
    [Fact]
    public void Clone_copies_every_setting_and_shares_no_nested_options()
    {
        var source = new CloudthreadClientOptions
        {
            BaseUri = new Uri("http://127.0.0.1:5080"),
            ApiKey = "key",
            AttemptTimeout = TimeSpan.FromSeconds(7),
            MaxResponseBytes = 4096,
            TimestampFormat = TimestampFormat.SpaceSeparated,
            Retry = new RetryOptions { MaxAttempts = 2, BaseDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromSeconds(3), TotalBudget = TimeSpan.FromSeconds(9) },
            Proxy = new ProxyOptions { Mode = ProxyMode.Explicit, Address = new Uri("http://127.0.0.1:3128"), Credential = new NetworkCredential("u", "p") },
        };

        var copy = source.Clone();

        // Every public property, by reflection: a setting added later is covered without changing this test.
        foreach (var property in typeof(CloudthreadClientOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.PropertyType == typeof(RetryOptions) || property.PropertyType == typeof(ProxyOptions))
            {
                Assert.NotSame(property.GetValue(source), property.GetValue(copy));
                AssertSameValues(property.GetValue(source)!, property.GetValue(copy)!);
            }
            else
            {
                Assert.Equal(property.GetValue(source), property.GetValue(copy));
            }
        }

        copy.Retry.MaxAttempts = 9;
        copy.Proxy.Mode = ProxyMode.None;
        Assert.Equal(2, source.Retry.MaxAttempts);
        Assert.Equal(ProxyMode.Explicit, source.Proxy.Mode);
    }

    private static void AssertSameValues(object expected, object actual)
    {
        foreach (var property in expected.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            Assert.Equal(property.GetValue(expected), property.GetValue(actual));
        }
    }
}
