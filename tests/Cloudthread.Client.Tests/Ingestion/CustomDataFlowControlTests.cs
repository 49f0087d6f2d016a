using Cloudthread.Client.Ingestion;
using Cloudthread.Client.Models;
using static Cloudthread.Client.Tests.Ingestion.IngestionTestData;

namespace Cloudthread.Client.Tests.Ingestion;

public sealed class CustomDataFlowControlTests
{
    [Fact]
    public async Task Never_more_requests_in_flight_than_allowed()
    {
        var sender = new FakeBatchSender { Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        using var ingestion = Create(sender, o => { o.MaxPointsPerRequest = 5; o.MaxConcurrentRequests = 3; });
        var producer = Task.Run(() =>
        {
            for (var i = 0; i < 200; i++)
            {
                ingestion.Add(Point(i));
            }

            return ingestion.Complete();
        });

        SpinWait.SpinUntil(() => sender.InFlight == 3, TimeSpan.FromSeconds(10));
        Assert.Equal(3, sender.InFlight);
        sender.Gate.SetResult();
        var summary = await producer.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(3, sender.MaxInFlight);
        Assert.Equal(200, summary.Sent);
    }

    [Fact]
    public async Task Adding_blocks_while_every_slot_is_busy_and_resumes_when_one_frees()
    {
        var sender = new FakeBatchSender { Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        using var ingestion = Create(sender, o => { o.MaxPointsPerRequest = 10; o.MaxConcurrentRequests = 2; });
        var producer = Task.Run(() =>
        {
            for (var i = 0; i < 100; i++)
            {
                ingestion.Add(Point(i));
            }
        });

        // Two requests in flight, the third formed and waiting for a slot: the producer is held at 30 points.
        SpinWait.SpinUntil(() => sender.InFlight == 2 && ingestion.GetProgress().Accepted == 30, TimeSpan.FromSeconds(10));
        await Task.Delay(200);
        Assert.False(producer.IsCompleted);
        Assert.Equal(30, ingestion.GetProgress().Accepted);

        sender.Gate.SetResult();
        await producer.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(100, ingestion.Complete().Sent);
    }

    [Fact]
    public void Many_small_requests_through_two_slots_send_everything()
    {
        var sender = new FakeBatchSender();
        using var ingestion = Create(sender, o => { o.MaxPointsPerRequest = 3; o.MaxConcurrentRequests = 2; });
        for (var i = 0; i < 50; i++)
        {
            Assert.True(ingestion.Add(Point(i)));
        }

        var summary = ingestion.Complete();

        Assert.Equal(50, summary.Sent);
        Assert.True(sender.MaxInFlight <= 2);
        Assert.Equal(Enumerable.Range(0, 50), sender.Bodies.SelectMany(b => b.Points).Select(p => (int)p.MetricValue).Order());
    }

    [Fact]
    public void A_failed_request_is_reported_with_exactly_its_points_and_the_others_go_on()
    {
        var sender = new FakeBatchSender { Fail = (_, body) => body.Points[0].MetricValue == 20 ? FakeBatchSender.BadRequest() : null };
        using var ingestion = Create(sender, o => { o.MaxPointsPerRequest = 10; o.ReportAllRequests = true; });
        for (var i = 0; i < 55; i++)
        {
            ingestion.Add(Point(i));
        }

        var summary = ingestion.Complete();

        var results = TakeResults(ingestion);
        var failed = Assert.Single(results, r => r.Status == CustomDataRequestStatus.Failed);
        Assert.Equal(Enumerable.Range(20, 10).Select(i => (double)i), failed.Points.Select(p => p.MetricValue));
        Assert.Equal(400, failed.StatusCode);
        Assert.Equal(CloudthreadErrorKind.Validation, failed.Error!.Kind);
        Assert.Equal(5, results.Count(r => r.Status == CustomDataRequestStatus.Sent));
        Assert.All(results.Where(r => r.Status == CustomDataRequestStatus.Sent), r => Assert.Equal(201, r.StatusCode));
        Assert.Equal(45, summary.Sent);
        Assert.Equal(10, summary.Failed);
        Assert.Equal(1, summary.FailedRequests);
        Assert.Equal(Enumerable.Range(0, 55).Where(i => i < 20 || i >= 30).Select(i => (double)i), SentValues(sender).Order());
    }

    [Fact]
    public async Task Cancelling_mid_stream_stops_and_accounts_for_every_point()
    {
        var sender = new FakeBatchSender { Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        using var cts = new CancellationTokenSource();
        using var ingestion = Create(sender, o => { o.MaxPointsPerRequest = 10; o.MaxConcurrentRequests = 2; });
        var added = 0;
        var producer = Task.Run(() =>
        {
            for (var i = 0; i < 1000; i++)
            {
                ingestion.Add(Point(i), cts.Token);
                added++;
            }
        });

        SpinWait.SpinUntil(() => sender.InFlight == 2 && ingestion.GetProgress().Accepted == 30, TimeSpan.FromSeconds(10));
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => producer);
        var summary = ingestion.Cancel();

        Assert.True(summary.Cancelled);
        Assert.Equal(30, summary.Accepted);
        Assert.Equal(0, summary.Sent);
        Assert.Equal(30, summary.NotSent);
        var cancelled = TakeResults(ingestion);
        Assert.All(cancelled, r => Assert.Equal(CustomDataRequestStatus.Cancelled, r.Status));
        Assert.Equal(Enumerable.Range(0, 30).Select(i => (double)i), cancelled.SelectMany(r => r.Points).Select(p => p.MetricValue).Order());
        Assert.Throws<InvalidOperationException>(() => ingestion.Add(Point(0)));
    }

    [Fact]
    public async Task Complete_with_a_cancelled_token_returns_a_cancelled_summary()
    {
        var sender = new FakeBatchSender { Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        using var ingestion = Create(sender, o => o.MaxPointsPerRequest = 10);
        for (var i = 0; i < 25; i++)
        {
            ingestion.Add(Point(i));
        }

        using var cts = new CancellationTokenSource();
        var completing = Task.Run(() => ingestion.Complete(cts.Token));
        SpinWait.SpinUntil(() => sender.InFlight == 3, TimeSpan.FromSeconds(10));
        cts.Cancel();
        var summary = await completing.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(summary.Cancelled);
        Assert.Equal(25, summary.NotSent + summary.Sent);
    }

    [Fact]
    public void Invalid_points_are_reported_with_index_field_and_reason_and_the_rest_are_sent()
    {
        var sender = new FakeBatchSender();
        using var ingestion = Create(sender);
        var inputs = new[]
        {
            Point(0),
            new CustomDataPoint(Start.AddMinutes(30), "m", 1),
            new CustomDataPoint(Start, "", 1),
            new CustomDataPoint(Start, "m", double.NaN),
            new CustomDataPoint(Start, "m", double.PositiveInfinity),
            Point(5),
        };
        var elevenDimensions = Point(6);
        for (var d = 0; d < 11; d++)
        {
            elevenDimensions.Dimensions["d" + d] = "v";
        }

        var accepted = inputs.Append(elevenDimensions).Select(p => ingestion.Add(p)).ToList();
        var summary = ingestion.Complete();

        Assert.Equal(new[] { true, false, false, false, false, true, false }, accepted);
        var rejections = new List<CustomDataPointRejection>();
        while (ingestion.TryTakeRejection(out var rejection))
        {
            rejections.Add(rejection);
        }

        Assert.Equal(new long[] { 1, 2, 3, 4, 6 }, rejections.Select(r => r.InputIndex));
        Assert.Equal(new[] { "Timestamp", "MetricName", "MetricValue", "MetricValue", "Dimensions" }, rejections.Select(r => r.Field));
        Assert.Equal(
            new[]
            {
                CustomDataRejectionCode.InvalidTimestamp, CustomDataRejectionCode.InvalidMetricName, CustomDataRejectionCode.InvalidMetricValue,
                CustomDataRejectionCode.InvalidMetricValue, CustomDataRejectionCode.InvalidDimensions,
            },
            rejections.Select(r => r.Code));
        Assert.Contains("not on the hour", rejections[0].Reason);
        Assert.Contains("at most 10", rejections[4].Reason);
        Assert.Same(inputs[1], rejections[0].Input);
        Assert.Equal(2, summary.Sent);
        Assert.Equal(5, summary.Rejected);
        Assert.Equal(new double[] { 0, 5 }, SentValues(sender));
    }

    [Fact]
    public void A_point_without_any_token_is_rejected()
    {
        var sender = new FakeBatchSender();
        using var ingestion = new CustomDataIngestion(sender, new CustomDataIngestOptions(), TimestampFormat.Rfc3339);
        Assert.False(ingestion.Add(Point(0)));
        Assert.True(ingestion.TryTakeRejection(out var rejection));
        Assert.Equal("DataStreamToken", rejection.Field);
        Assert.Equal(CustomDataRejectionCode.MissingDataStreamToken, rejection.Code);
        Assert.DoesNotContain(Token, rejection.ToString());
    }

    [Fact]
    public void A_point_without_a_timestamp_or_with_an_unknown_aggregation_function_is_rejected_with_its_code()
    {
        var sender = new FakeBatchSender();
        using var ingestion = Create(sender);

        Assert.False(ingestion.Add(new CustomDataPoint { MetricName = "m", MetricValue = 1 }));
        Assert.False(ingestion.Add(new CustomDataPoint(Start, "m", 1) { AggregationFunction = (AggregationFunction)42 }));
        ingestion.Complete();

        Assert.True(ingestion.TryTakeRejection(out var noTimestamp));
        Assert.Equal((CustomDataRejectionCode.InvalidTimestamp, "Timestamp", "is required"), (noTimestamp.Code, noTimestamp.Field, noTimestamp.Reason));
        Assert.True(ingestion.TryTakeRejection(out var unknownFunction));
        Assert.Equal(
            (CustomDataRejectionCode.InvalidAggregation, "AggregationFunction", "must be Sum, Average, Maximum or Minimum"),
            (unknownFunction.Code, unknownFunction.Field, unknownFunction.Reason));
        Assert.Equal(0, sender.Calls);
    }

    [Fact]
    public void A_null_item_is_rejected_with_its_code()
    {
        using var ingestion = Create(new FakeBatchSender());

        Assert.False(ingestion.Add(null!, "the caller's item"));

        Assert.True(ingestion.TryTakeRejection(out var rejection));
        Assert.Equal((CustomDataRejectionCode.NullInput, "InputObject", "is null"), (rejection.Code, rejection.Field, rejection.Reason));
        Assert.Null(rejection.Input);
    }

    [Fact]
    public void A_row_of_a_shape_that_cannot_give_points_is_rejected_with_its_code()
    {
        var map = CustomDataColumnMap.Create(new[] { "Timestamp", "MetricValue" });
        using var ingestion = Create(new FakeBatchSender());

        Assert.False(ingestion.AddRow(map, new object?[] { "2026-01-01T00:00:00Z", "1" }));

        Assert.True(ingestion.TryTakeRejection(out var rejection));
        Assert.Equal(CustomDataRejectionCode.UnusableColumns, rejection.Code);
        Assert.Equal("MetricName", rejection.Field);
        Assert.StartsWith("is missing", rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Memory_held_is_bounded_by_the_requests_in_flight_not_the_input()
    {
        // Points are created on the fly and dropped by the engine once their request completes:
        // with a slow sender the engine must never hold more than (in flight + open) requests' worth.
        var sender = new FakeBatchSender();
        using var ingestion = Create(sender, o => { o.MaxPointsPerRequest = 100; o.MaxConcurrentRequests = 2; });
        var tracked = new List<WeakReference>();
        for (var i = 0; i < 5000; i++)
        {
            var point = Point(i);
            if (i < 100)
            {
                tracked.Add(new WeakReference(point));
            }

            ingestion.Add(point);
        }

        SpinWait.SpinUntil(() => sender.InFlight == 0 && ingestion.GetProgress().Sent == 4900, TimeSpan.FromSeconds(10));
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.DoesNotContain(tracked, w => w.IsAlive);
        Assert.Equal(5000, ingestion.Complete().Sent);
    }
}
