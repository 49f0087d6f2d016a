namespace Cloudthread.Emulator;

/// <summary>Fault injection settings; every rate is a share of API requests between 0 and 1.</summary>
public sealed record FaultSettings
{
    /// <summary>Share of requests answered 429 with a Retry-After header.</summary>
    public double ThrottleRate { get; init; }

    /// <summary>Retry-After value, in seconds, sent with injected 429s.</summary>
    public int RetryAfterSeconds { get; init; } = 1;

    /// <summary>Share of requests answered with <see cref="ErrorStatus"/>.</summary>
    public double ErrorRate { get; init; }

    /// <summary>Status of injected errors: 500, 502, 503 or 504 (the statuses clients retry).</summary>
    public int ErrorStatus { get; init; } = 503;

    /// <summary>Latency added before every API request is processed.</summary>
    public int LatencyMs { get; init; }

    /// <summary>Share of requests whose connection is aborted before processing.</summary>
    public double DropRate { get; init; }

    /// <summary>Returns the first problem with these settings, or null when they are valid.</summary>
    public string? Validate()
    {
        if (!IsRate(ThrottleRate)) return "throttle_rate must be between 0 and 1";
        if (!IsRate(ErrorRate)) return "error_rate must be between 0 and 1";
        if (!IsRate(DropRate)) return "drop_rate must be between 0 and 1";
        if (ErrorStatus is not (500 or 502 or 503 or 504)) return "error_status must be 500, 502, 503 or 504";
        if (RetryAfterSeconds < 0) return "retry_after_seconds must not be negative";
        if (LatencyMs < 0 || LatencyMs > 600_000) return "latency_ms must be between 0 and 600000";
        return null;
    }

    private static bool IsRate(double value) => value is >= 0 and <= 1;
}
