using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Cloudthread.Client;

namespace Cloudthread.PowerShell.Infrastructure
{
    /// <summary>
    /// Work on another thread, output on this one: PowerShell lets only the pipeline thread write to the streams, so
    /// every cmdlet waits for client work in <see cref="RunWhileWriting"/>, which writes what the work reports meanwhile.
    /// </summary>
    public abstract partial class CloudthreadCmdlet
    {
        /// <summary>How long the pipeline thread waits for a wake-up before writing what the work reported anyway.</summary>
        private const int ReportIntervalMilliseconds = 200;

        private bool? _verbose;
        private bool? _debug;

        /// <summary>Calls the client, relaying its log lines to -Verbose/-Debug until the call ends; Ctrl+C cancels it.</summary>
        protected T CallClient<T>(Func<CancellationToken, Task<T>> operation)
        {
            if (operation is null)
            {
                throw new ArgumentNullException(nameof(operation));
            }

            // Resolved here, on the pipeline thread: resolving may write a terminating error, which only this thread may do.
            _ = Client;
            using var logger = CreateLogger();
            return RunWhileWriting(operation, logger, () => WriteQueuedLogLines(logger));
        }

        /// <summary>Calls the client for something that returns nothing.</summary>
        protected void CallClient(Func<CancellationToken, Task> operation)
        {
            if (operation is null)
            {
                throw new ArgumentNullException(nameof(operation));
            }

            CallClient<bool>(async token =>
            {
                await operation(token).ConfigureAwait(false);
                return true;
            });
        }

        /// <summary>
        /// Calls the client for one record (New-CtTeam, Set-CtTeam, New-CtUser, Get-CtSavingsOpportunity, reading the
        /// organisation for a teams file): the answer, or null once the failure is written as a non-terminating error
        /// about <paramref name="target"/>, so -ErrorAction governs it and the next record goes on.
        /// </summary>
        private protected T? CallClientOrWriteError<T>(object? target, Func<CancellationToken, Task<T>> operation)
            where T : class
        {
            try
            {
                return CallClient(operation);
            }
            catch (CloudthreadException ex)
            {
                WriteClientError(ex, target);
                return null;
            }
        }

        /// <summary>
        /// Runs <paramref name="work"/> on a worker (in <paramref name="logger"/>'s log scope, when there is one) while
        /// this, the pipeline thread, calls <paramref name="writeReports"/> whenever the logger queues a line or the
        /// interval passes, and once more after the work ends. One cancellation path: the work's token is cancelled by
        /// Ctrl+C (StopProcessing) and when writing fails (the pipeline stops, a terminating error); either way the work
        /// is awaited before this returns or throws, so nothing touches what it used afterwards.
        /// </summary>
        private protected T RunWhileWriting<T>(Func<CancellationToken, Task<T>> work, QueuedLogger? logger, Action writeReports)
        {
            using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            var token = cancellation.Token;
            Task<T> task;
            using (logger is null ? null : CloudthreadLogScope.Begin(logger))
            {
                // Task.Run captures the execution context, so the log scope flows into the client's work.
                task = Task.Run(() => work(token), token);
            }

            var done = ((IAsyncResult)task).AsyncWaitHandle;
            var wakeUps = logger is null ? new[] { done } : new[] { done, logger.LineQueued };
            try
            {
                while (WaitHandle.WaitAny(wakeUps, ReportIntervalMilliseconds) != 0)
                {
                    writeReports();
                }

                writeReports();
            }
            catch
            {
                cancellation.Cancel();
                done.WaitOne();
                throw;
            }

            try
            {
                return task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        /// <summary>
        /// A logger for the client's lines of this invocation, to be used with <see cref="CloudthreadLogScope"/>;
        /// the lines are written on the pipeline thread by <see cref="WriteQueuedLogLines"/>.
        /// </summary>
        internal QueuedLogger CreateLogger() =>
            // Detail implies summary in the client's handlers: -Debug alone must still receive the bodies.
            new QueuedLogger(IsVerbose || IsDebug, IsDebug);

        /// <summary>Writes what the logger has queued so far, without waiting. Pipeline thread only.</summary>
        internal void WriteQueuedLogLines(QueuedLogger logger)
        {
            while (logger.TryTake(out var line))
            {
                if (line.Level == CloudthreadLogLevel.Detail)
                {
                    WriteDebug(line.Message);
                }
                else
                {
                    WriteVerbose(line.Message);
                }
            }
        }

        /// <summary>True when -Verbose was given or $VerbosePreference asks for verbose output.</summary>
        private bool IsVerbose => _verbose ??= IsStreamOn("Verbose", "VerbosePreference");

        private bool IsDebug => _debug ??= IsStreamOn("Debug", "DebugPreference");

        private bool IsStreamOn(string parameter, string preferenceVariable)
        {
            if (MyInvocation.BoundParameters.TryGetValue(parameter, out var bound))
            {
                return bound is SwitchParameter flag ? flag.IsPresent : LanguagePrimitives.IsTrue(bound);
            }

            var preference = GetVariableValue(preferenceVariable);
            return LanguagePrimitives.TryConvertTo(preference, out ActionPreference value)
                && value != ActionPreference.SilentlyContinue
                && value != ActionPreference.Ignore;
        }
    }
}
