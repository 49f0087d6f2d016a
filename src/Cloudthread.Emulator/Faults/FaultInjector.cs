namespace Cloudthread.Emulator.Faults;

/// <summary>The fault an API request gets, decided once when it arrives.</summary>
internal enum FaultKind
{
    None,
    Drop,
    Throttle,
    Error,
}

/// <summary>Holds the live fault settings (swapped atomically) and draws each request's fault.</summary>
internal sealed class FaultInjector(FaultSettings initial)
{
    private FaultSettings _settings = initial;

    public FaultSettings Settings
    {
        get => Volatile.Read(ref _settings);
        set => Volatile.Write(ref _settings, value);
    }

    /// <summary>Draws drop, then throttle, then error, each with its own rate.</summary>
    public static FaultKind Draw(FaultSettings settings)
    {
        if (settings.DropRate > 0 && Random.Shared.NextDouble() < settings.DropRate)
        {
            return FaultKind.Drop;
        }

        if (settings.ThrottleRate > 0 && Random.Shared.NextDouble() < settings.ThrottleRate)
        {
            return FaultKind.Throttle;
        }

        if (settings.ErrorRate > 0 && Random.Shared.NextDouble() < settings.ErrorRate)
        {
            return FaultKind.Error;
        }

        return FaultKind.None;
    }
}
