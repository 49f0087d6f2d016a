using System;
using System.Linq.Expressions;
using System.Threading;

namespace Cloudthread.PowerShell.Infrastructure
{
    /// <summary>
    /// While registered, a process told to end (SIGTERM: a cancelled scheduler job, `docker stop`, systemd) stops the
    /// command as Ctrl+C would and gives it a moment to finish its report before the process goes.
    /// </summary>
    /// <remarks>
    /// pwsh ends on SIGTERM without raising ProcessExit, so on .NET (PowerShell 7) the signal itself is handled,
    /// through PosixSignalRegistration, which netstandard2.0 cannot name: it is bound by reflection. The default
    /// action (the process ends, exit code 143) still follows the handler. Elsewhere (Windows PowerShell 5.1) only
    /// ProcessExit is heard.
    /// </remarks>
    internal sealed class ProcessExitStop : IDisposable
    {
        // Long enough for in-flight requests to be cancelled and one report to be written; a scheduler's own kill
        // timeout (often 10 to 30 seconds) comes after it.
        private static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);
        private readonly Action _stop;
        private readonly ManualResetEventSlim _ended = new ManualResetEventSlim(false);
        private readonly IDisposable? _sigterm;

        public ProcessExitStop(Action stop)
        {
            _stop = stop;
            AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
            _sigterm = RegisterSigterm(StopAndWait);
        }

        /// <summary>The command has ended: nothing to wait for any more.</summary>
        public void Dispose()
        {
            AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
            _sigterm?.Dispose();
            _ended.Set();
        }

        private void OnProcessExit(object? sender, EventArgs e) => StopAndWait();

        private void StopAndWait()
        {
            _stop();
            _ended.Wait(Grace);
        }

        /// <summary>PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => handler()), or null where there is none.</summary>
        private static IDisposable? RegisterSigterm(Action handler)
        {
            try
            {
                var registration = Type.GetType("System.Runtime.InteropServices.PosixSignalRegistration, System.Runtime.InteropServices");
                var context = Type.GetType("System.Runtime.InteropServices.PosixSignalContext, System.Runtime.InteropServices");
                var signal = Type.GetType("System.Runtime.InteropServices.PosixSignal, System.Runtime.InteropServices");
                var create = registration?.GetMethod("Create");
                if (create is null || context is null || signal is null)
                {
                    return null;
                }

                var parameter = Expression.Parameter(context, "context");
                var callback = Expression.Lambda(
                    typeof(Action<>).MakeGenericType(context),
                    Expression.Invoke(Expression.Constant(handler)),
                    parameter).Compile();
                return create.Invoke(null, new object[] { Enum.Parse(signal, "SIGTERM"), callback }) as IDisposable;
            }
            catch (Exception ex) when (ex is PlatformNotSupportedException || ex is System.Reflection.TargetInvocationException || ex is ArgumentException)
            {
                return null;
            }
        }
    }
}
