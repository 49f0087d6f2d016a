using Cloudthread.Emulator;

namespace Cloudthread.PowerShell.EngineTests.Infrastructure;

/// <summary>The API key and data stream tokens must never reach output, any stream or any error.</summary>
internal static class SecretAssert
{
    private static readonly string[] Secrets =
    [
        EmulatorOptions.DemoApiKey,
        EmulatorOptions.DemoReadOnlyApiKey,
        EmulatorOptions.DemoDataStreamToken,
        EmulatorOptions.DemoDataStreamToken2,
    ];

    public static void NoneIn(ScriptResult result)
    {
        foreach (var text in result.AllText())
        {
            foreach (var secret in Secrets)
            {
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"A secret leaked into: {text}");
            }
        }
    }
}
