using System.Collections.Concurrent;

namespace Cloudthread.Client.Tests.TestInfrastructure;

/// <summary>Keeps every line it is given, up to the level it was created with.</summary>
public sealed class TestLogger : ICloudthreadLogger
{
    private readonly CloudthreadLogLevel _level;
    private readonly ConcurrentQueue<(CloudthreadLogLevel Level, string Message)> _lines = new();

    public TestLogger(CloudthreadLogLevel level = CloudthreadLogLevel.Detail) => _level = level;

    public IReadOnlyList<(CloudthreadLogLevel Level, string Message)> Lines => _lines.ToArray();

    public IEnumerable<string> Messages(CloudthreadLogLevel level) => Lines.Where(l => l.Level == level).Select(l => l.Message);

    public string AllText => string.Join("\n", Lines.Select(l => l.Message));

    public bool IsEnabled(CloudthreadLogLevel level) => level != CloudthreadLogLevel.None && level <= _level;

    public void Log(CloudthreadLogLevel level, string message) => _lines.Enqueue((level, message));
}
