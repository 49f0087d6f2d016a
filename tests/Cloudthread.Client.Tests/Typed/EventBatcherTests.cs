using Cloudthread.Client.Events;
using Cloudthread.Client.Http;
using Cloudthread.Client.Models;

namespace Cloudthread.Client.Tests.Typed;

public sealed class EventBatcherTests
{
    private static readonly DateTime Hour = new(2026, 1, 5, 10, 0, 0, DateTimeKind.Utc);

    private static CloudthreadEvent Valid(int n) => new() { Type = "deploy", Description = "e" + n, Timestamp = Hour };

    private static CloudthreadEvent NotOnTheHour(int n) => new() { Type = "deploy", Description = "bad" + n, Timestamp = Hour.AddMinutes(30) };

    private static string[] SentDescriptions(ApiRequest request) =>
        FakeApi.BodyJson(request).GetProperty("data").EnumerateArray().Select(e => e.GetProperty("payload").GetProperty("description").GetString()!).ToArray();

    private static async Task<List<EventBatchResult>> SendAll(EventBatcher batcher)
    {
        var results = new List<EventBatchResult>();
        while (await batcher.SendPendingAsync() is { } result)
        {
            results.Add(result);
        }

        return results;
    }

    [Fact]
    public async Task A_full_batch_is_500_events_and_the_501st_starts_the_next_request()
    {
        var api = new FakeApi().Answer(200, "{}").Answer(200, "{}");
        using var client = api.Client();
        var batcher = new EventBatcher(client);

        for (var i = 0; i < 500; i++)
        {
            Assert.False(batcher.IsBatchFull);
            Assert.Null(batcher.Add(Valid(i), i));
        }

        Assert.True(batcher.IsBatchFull);
        var first = await batcher.SendPendingAsync();
        Assert.Null(batcher.Add(Valid(500), 500));
        var rest = await SendAll(batcher);

        Assert.Equal(2, api.Requests.Count);
        Assert.All(api.Requests, r => Assert.Equal(RetryMode.OnlyIfNotProcessed, r.RetryMode));
        Assert.Equal(500, SentDescriptions(api.Requests[0]).Length);
        Assert.Equal(new[] { "e500" }, SentDescriptions(api.Requests[1]));
        Assert.True(first!.Succeeded);
        Assert.Equal(Enumerable.Range(0, 500), first.Events.Select(e => e.Index));
        Assert.Equal(500, Assert.Single(rest).Events.Single().Index);
    }

    [Fact]
    public async Task More_than_a_batch_pending_is_sent_in_requests_of_at_most_the_batch_size()
    {
        var api = new FakeApi().Answer(200, "{}").Answer(200, "{}").Answer(200, "{}");
        using var client = api.Client();
        var batcher = new EventBatcher(client, batchSize: 2);
        for (var i = 0; i < 5; i++)
        {
            batcher.Add(Valid(i), i);
        }

        var results = await SendAll(batcher);

        Assert.Equal(new[] { 2, 2, 1 }, api.Requests.Select(r => SentDescriptions(r).Length));
        Assert.Equal(new[] { "e4" }, SentDescriptions(api.Requests[2]));
        Assert.All(results, r => Assert.True(r.Succeeded));
    }

    [Fact]
    public async Task An_invalid_event_is_reported_with_its_input_index_field_and_item_and_the_others_are_sent()
    {
        var api = new FakeApi().Answer(200, "{}");
        using var client = api.Client();
        var batcher = new EventBatcher(client);
        var badInput = new object();

        Assert.Null(batcher.Add(Valid(0), "row 0"));
        var invalid = batcher.Add(NotOnTheHour(1), badInput);
        var badUrl = batcher.Add(new CloudthreadEvent { Type = "deploy", Url = "not a url", Timestamp = Hour }, "row 2");
        Assert.Null(batcher.Add(Valid(3), "row 3"));
        var results = await SendAll(batcher);

        Assert.NotNull(invalid);
        Assert.Equal(1, invalid!.Index);
        Assert.Same(badInput, invalid.Input);
        Assert.Equal("bad1", invalid.Event!.Description);
        var issue = Assert.Single(invalid.Issues);
        Assert.Equal(("data[1].timestamp", 1), (issue.Path, issue.ItemIndex));
        Assert.Contains("hour", issue.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("data[2].payload.event_url", Assert.Single(badUrl!.Issues).Path);

        Assert.Equal(new[] { "e0", "e3" }, SentDescriptions(Assert.Single(api.Requests)));
        Assert.Equal(new object[] { "row 0", "row 3" }, Assert.Single(results).Events.Select(e => e.Input!));
        Assert.Equal(new[] { 0, 3 }, results[0].Events.Select(e => e.Index));
    }

    [Fact]
    public async Task A_refused_batch_is_reported_with_its_events_and_the_other_batches_are_still_sent()
    {
        var refused = new CloudthreadApiException(CloudthreadErrorKind.ServerError, "down", "POST", "/events", 500, "InternalError");
        var api = new FakeApi().Answer(200, "{}").Fail(refused).Answer(200, "{}");
        using var client = api.Client();
        var batcher = new EventBatcher(client, batchSize: 2);
        for (var i = 0; i < 6; i++)
        {
            batcher.Add(Valid(i), "row " + i);
        }

        var results = await SendAll(batcher);

        Assert.Equal(3, api.Requests.Count);
        Assert.Equal(new[] { true, false, true }, results.Select(r => r.Succeeded));
        Assert.Same(refused, Assert.Single(results[1].Refusals).Error);
        Assert.Equal(new object[] { "row 2", "row 3" }, results[1].Refusals[0].Items.Select(e => e.Input!));
        Assert.Empty(results[1].Stored);
        Assert.Equal(new[] { "e4", "e5" }, SentDescriptions(api.Requests[2]));
    }

    [Fact]
    public async Task Nothing_is_sent_when_every_event_is_invalid()
    {
        var api = new FakeApi();
        using var client = api.Client();
        var batcher = new EventBatcher(client);

        var reports = Enumerable.Range(0, 3).Select(i => batcher.Add(i == 1 ? null : NotOnTheHour(i), i)).ToList();

        Assert.All(reports, Assert.NotNull);
        Assert.Equal(new[] { 0, 1, 2 }, reports.Select(r => r!.Index));
        Assert.Equal("data[1]", Assert.Single(reports[1]!.Issues).Path);
        Assert.Equal(0, batcher.PendingCount);
        Assert.Null(await batcher.SendPendingAsync());
        Assert.Empty(api.Requests);
    }
}
