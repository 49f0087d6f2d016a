using Cloudthread.Client.FailedItems;
using Cloudthread.Client.Models;

namespace Cloudthread.Client.Tests.Ingestion;

/// <summary>-FailedEventsPath: what Add-CtEvent writes and the sentence it says about it.</summary>
public sealed class FailedEventsFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "ct-failed-events-" + Guid.NewGuid().ToString("N"))).FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Save_writes_the_events_and_says_how_many_may_have_been_stored_and_how_to_resend_the_others()
    {
        var path = Path.Combine(_folder, "failed-events.csv");
        var at = new DateTime(2031, 3, 1, 10, 0, 0, DateTimeKind.Utc);
        var events = new[]
        {
            new FailedEvent(new CloudthreadEvent { Timestamp = at, Type = "deploy", Description = "one" }, mayHaveBeenStored: true, "timed out (may or may not have been stored)"),
            new FailedEvent(new CloudthreadEvent { Timestamp = at, Type = "deploy", Description = "two" }, mayHaveBeenStored: false, "refused (not stored)"),
        };

        var said = FailedEventsFile.Save(path, events);

        Assert.Equal(
            "2 event(s) not confirmed are in '" + path + "' (1 of them may have been stored: a resend duplicates those; filter on MayHaveBeenStored). Send the others again with: Import-Csv '" + path + "' | Where-Object MayHaveBeenStored -eq 'False' | Add-CtEvent",
            said);
        var lines = File.ReadAllLines(path);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("Type,Description,Url,TeamId,Timestamp,MayHaveBeenStored,", lines[0], StringComparison.Ordinal);
        Assert.Contains(",True,", lines[1], StringComparison.Ordinal);
        Assert.Contains(",False,", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_to_keep_replaces_an_old_file_and_says_nothing()
    {
        var path = Path.Combine(_folder, "failed-events.csv");
        File.WriteAllText(path, "an old run's events");

        Assert.Null(FailedEventsFile.Save(path, Array.Empty<FailedEvent>()));
        Assert.DoesNotContain("an old run", File.ReadAllText(path), StringComparison.Ordinal);
    }
}
