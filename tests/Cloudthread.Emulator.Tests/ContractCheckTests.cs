using Cloudthread.Emulator.Tests.Infrastructure;
using Xunit.Sdk;

namespace Cloudthread.Emulator.Tests;

/// <summary>The response check every test relies on must itself catch what it claims to catch.</summary>
public sealed class ContractCheckTests(SharedEmulator shared) : IClassFixture<SharedEmulator>
{
    private HttpClient Http => shared.Emulator.Http;

    [Fact]
    public async Task A_body_missing_required_fields_fails()
    {
        await Assert.ThrowsAsync<TrueException>(() =>
            ContractSchemas.AssertConformsAsync(Http, HttpMethod.Get, "/users", 200, """[{"id":"u-1","name":"No email"}]"""));
    }

    [Fact]
    public async Task A_wrongly_typed_body_fails()
    {
        await Assert.ThrowsAsync<TrueException>(() =>
            ContractSchemas.AssertConformsAsync(Http, HttpMethod.Get, "/cost/metric/x", 200,
                """{"data":[{"current_timeframe_cost":"1","previous_timeframe_cost":1,"pop_diff":0,"pop_change":0,"date":"20260101"}]}"""));
    }

    [Fact]
    public async Task An_undeclared_status_fails()
    {
        await Assert.ThrowsAsync<TrueException>(() =>
            ContractSchemas.AssertConformsAsync(Http, HttpMethod.Get, "/users", 418, """{"code":"x","message":"y","details":[]}"""));
    }

    [Fact]
    public async Task An_error_body_without_code_fails()
    {
        await Assert.ThrowsAsync<TrueException>(() =>
            ContractSchemas.AssertConformsAsync(Http, HttpMethod.Post, "/teams", 400, """{"message":"y","details":[]}"""));
    }

    [Fact]
    public async Task Conforming_bodies_pass()
    {
        await ContractSchemas.AssertConformsAsync(Http, HttpMethod.Post, "/streams/ingest", 201, """{"ingested":3}""");
        await ContractSchemas.AssertConformsAsync(Http, HttpMethod.Delete, "/teams/x", 204, string.Empty);
    }
}
