using Cloudthread.Emulator.Faults;
using Cloudthread.Emulator.State;

namespace Cloudthread.Emulator;

/// <summary>Everything one emulator instance shares across requests.</summary>
internal sealed class EmulatorRuntime(EmulatorOptions options, EmulatorState state)
{
    public EmulatorOptions Options { get; } = options;

    public EmulatorState State { get; } = state;

    public FaultInjector Faults { get; } = new(options.Faults);

    public RequestStats Stats { get; } = new();

    public HashSet<string> FullAccessKeys { get; } = new(options.ApiKeys, StringComparer.Ordinal);

    public HashSet<string> ReadOnlyKeys { get; } = new(options.ReadOnlyApiKeys, StringComparer.Ordinal);

    public HashSet<string> StreamTokens { get; } = new(options.DataStreamTokens, StringComparer.Ordinal);
}
