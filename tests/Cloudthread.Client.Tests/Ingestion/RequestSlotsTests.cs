using Cloudthread.Client.Ingestion;

namespace Cloudthread.Client.Tests.Ingestion;

public sealed class RequestSlotsTests
{
    [Fact]
    public async Task Free_slots_are_taken_at_once_and_the_next_take_waits_until_one_is_given_back()
    {
        using var slots = new RequestSlots(2);
        slots.Take(CancellationToken.None);
        slots.Take(CancellationToken.None);

        var third = Task.Run(() => slots.Take(CancellationToken.None));
        Assert.NotSame(third, await Task.WhenAny(third, Task.Delay(200)));

        slots.Give();
        await third.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_waiting_take_throws_when_its_token_fires_and_takes_nothing()
    {
        using var slots = new RequestSlots(1);
        slots.Take(CancellationToken.None);
        using var cancellation = new CancellationTokenSource();

        var waiting = Task.Run(() => slots.Take(cancellation.Token));
        Assert.NotSame(waiting, await Task.WhenAny(waiting, Task.Delay(100)));
        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(5)));
        slots.Give();
        slots.Take(CancellationToken.None);
    }

    [Fact]
    public void Takers_and_givers_on_many_threads_never_hold_more_slots_than_there_are()
    {
        const int count = 3;
        using var slots = new RequestSlots(count);
        var held = 0;
        var most = 0;
        Parallel.For(0, 20_000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ =>
        {
            slots.Take(CancellationToken.None);
            var now = Interlocked.Increment(ref held);
            InterlockedMax(ref most, now);
            Interlocked.Decrement(ref held);
            slots.Give();
        });

        Assert.InRange(most, 1, count);
        for (var i = 0; i < count; i++)
        {
            slots.Take(CancellationToken.None);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
