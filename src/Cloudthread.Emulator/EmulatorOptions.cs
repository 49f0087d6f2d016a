namespace Cloudthread.Emulator;

/// <summary>How an emulator instance starts: listen URLs, accepted credentials, storage, limits and faults.</summary>
public sealed class EmulatorOptions
{
    /// <summary>The demo full-access API key.</summary>
    public const string DemoApiKey = "ct-demo-api-key";

    /// <summary>The demo read-only API key.</summary>
    public const string DemoReadOnlyApiKey = "ct-demo-readonly-key";

    /// <summary>The first demo data stream token.</summary>
    public const string DemoDataStreamToken = "ct-demo-stream-token";

    /// <summary>The second demo data stream token.</summary>
    public const string DemoDataStreamToken2 = "ct-demo-stream-token-2";

    /// <summary>Default request body limit: 16 MiB.</summary>
    public const long DefaultMaxBodyBytes = 16L * 1024 * 1024;

    /// <summary>Listen URLs; port 0 picks a free port.</summary>
    public IReadOnlyList<string> Urls { get; set; } = ["http://127.0.0.1:0"];

    /// <summary>Full-access API keys.</summary>
    public IReadOnlyList<string> ApiKeys { get; set; } = [DemoApiKey];

    /// <summary>Keys that may only read: writes answer 403.</summary>
    public IReadOnlyList<string> ReadOnlyApiKeys { get; set; } = [DemoReadOnlyApiKey];

    /// <summary>Accepted data stream tokens for <c>/streams/ingest</c>.</summary>
    public IReadOnlyList<string> DataStreamTokens { get; set; } = [DemoDataStreamToken, DemoDataStreamToken2];

    /// <summary>SQLite file holding every accepted write; null keeps state in memory.</summary>
    public string? DataFile { get; set; }

    /// <summary>JSON file replacing the built-in demo org; null uses the demo org.</summary>
    public string? SeedFile { get; set; }

    /// <summary>Request body limit in bytes (after gzip decompression too); larger bodies answer 413.</summary>
    public long MaxBodyBytes { get; set; } = DefaultMaxBodyBytes;

    /// <summary>Fault injection at start (off by default); changeable at run time under <c>/_emulator/faults</c>.</summary>
    public FaultSettings Faults { get; set; } = new();

    /// <summary>When true, the server logs nothing at all (otherwise warnings and errors only).</summary>
    public bool Quiet { get; set; }
}
