using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Security;

namespace Cloudthread.PowerShell.EngineTests.Infrastructure;

/// <summary>A real PowerShell runspace with the built module imported; one per test, so connections never leak between tests.</summary>
public sealed class EngineSession : IDisposable
{
    private readonly Runspace _runspace;

    public EngineSession(EmulatorFixture emulator)
    {
        var state = InitialSessionState.CreateDefault2();
        _runspace = RunspaceFactory.CreateRunspace(state);
        _runspace.Open();
        SetVariable("CtBaseUri", emulator.BaseUri);
        SetVariable("CtManifest", emulator.ManifestPath);
        var import = Run("Import-Module -Name $CtManifest -ErrorAction Stop");
        import.AssertNoErrors();
    }

    public void SetVariable(string name, object? value) => _runspace.SessionStateProxy.SetVariable(name, value);

    /// <summary>Connects with the demo key and token, each passed as a SecureString built here.</summary>
    public void Connect(string apiKey = Cloudthread.Emulator.EmulatorOptions.DemoApiKey)
    {
        SetVariable("CtKey", EmulatorFixture.Secure(apiKey));
        SetVariable("CtToken", EmulatorFixture.Secure(Cloudthread.Emulator.EmulatorOptions.DemoDataStreamToken));
        // -Scope Runspace: tests run in parallel, each session with its own connection (the default is one per process).
        Run("Connect-Cloudthread -ApiKey $CtKey -DataStreamToken $CtToken -BaseUri $CtBaseUri -Scope Runspace").AssertNoErrors();
    }

    /// <summary>
    /// Runs <paramref name="script"/> inside try/catch: a terminating error (which in a plain script only ends its
    /// statement) stops the script and is returned as <see cref="ScriptResult.Terminating"/>; non-terminating
    /// errors stay in the Error stream and the script goes on.
    /// </summary>
    public ScriptResult Run(string script)
    {
        using var shell = System.Management.Automation.PowerShell.Create();
        shell.Runspace = _runspace;
        shell.AddScript("$global:CtCaught = $null\ntry {\n" + script + "\n} catch { $global:CtCaught = $_ }");
        ErrorRecord? terminating = null;
        var output = new System.Collections.ObjectModel.Collection<PSObject>();
        try
        {
            output = shell.Invoke();
        }
        catch (RuntimeException exception)
        {
            terminating = exception.ErrorRecord;
        }

        var caught = _runspace.SessionStateProxy.GetVariable("CtCaught");
        terminating ??= caught as ErrorRecord ?? (caught as PSObject)?.BaseObject as ErrorRecord;

        return new ScriptResult(
            output,
            shell.Streams.Error.ToList(),
            shell.Streams.Verbose.Select(v => v.Message).ToList(),
            shell.Streams.Debug.Select(d => d.Message).ToList(),
            shell.Streams.Warning.Select(w => w.Message).ToList(),
            terminating);
    }

    public void Dispose() => _runspace.Dispose();
}
