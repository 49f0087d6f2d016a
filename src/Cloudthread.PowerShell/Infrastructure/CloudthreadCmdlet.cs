using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using Cloudthread.Client;

namespace Cloudthread.PowerShell.Infrastructure
{
    /// <summary>
    /// Base of every cmdlet that calls the API: resolves the connection (or the one-call -ApiKey/-BaseUri),
    /// runs client calls with StopProcessing-driven cancellation while relaying the client's log lines to
    /// -Verbose/-Debug on the pipeline thread, and turns client exceptions into ErrorRecords.
    /// </summary>
    public abstract class CloudthreadCmdlet : PSCmdlet, IDisposable
    {
        internal const string ApiKeyVariable = "CLOUDTHREAD_API_KEY";
        internal const string DataStreamTokenVariable = "CLOUDTHREAD_DATA_STREAM_TOKEN";
        internal const string BaseUriVariable = "CLOUDTHREAD_BASE_URI";

        private const int ProgressActivityId = 0x4354; // "CT": one progress bar per command.
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private CloudthreadClient? _client;
        private CloudthreadClient? _ownedClient;
        private ProcessExitStop? _processExitStop;
        private CloudthreadConnection? _lease;
        private bool? _verbose;
        private bool? _debug;

        /// <summary>An API key for this call only, instead of the connection's.</summary>
        [Parameter]
        public SecureString? ApiKey { get; set; }

        /// <summary>A base URI for this call only, instead of the connection's.</summary>
        [Parameter]
        public Uri? BaseUri { get; set; }

        /// <summary>Cancelled when the user presses Ctrl+C (StopProcessing).</summary>
        protected CancellationToken CancellationToken => _stopping.Token;

        /// <summary>The client for this invocation; throws a terminating error when there is no connection or key.</summary>
        protected CloudthreadClient Client => _client ??= ResolveClient();

        /// <summary>
        /// The default data stream token: the connection's, else $env:CLOUDTHREAD_DATA_STREAM_TOKEN. Plain text,
        /// for the client only: never write it anywhere.
        /// </summary>
#pragma warning disable CA1822 // Instance member on purpose: part of the contract every cmdlet codes against.
        protected string? DefaultDataStreamToken =>
            ConnectionStore.Current?.DataStreamToken ?? SecureStrings.NonEmpty(Environment.GetEnvironmentVariable(DataStreamTokenVariable));
#pragma warning restore CA1822

        /// <summary>The connection of this runspace, when there is one (for the completers' memory).</summary>
        internal static CloudthreadConnection? Connection => ConnectionStore.Current;

        /// <summary>The ErrorId for a 404 whose server code does not say what was missing (e.g. TeamNotFound).</summary>
        protected virtual string? NotFoundErrorId => null;

        /// <summary>The ErrorId when the server does not offer the operation.</summary>
        protected virtual string? NotSupportedErrorId => null;

        /// <summary>Runs a client call to completion on the pipeline thread, relaying log lines as verbose/debug output.</summary>
        protected T Run<T>(Func<CancellationToken, Task<T>> operation)
        {
            if (operation is null)
            {
                throw new ArgumentNullException(nameof(operation));
            }

            // Resolved here, on the pipeline thread: resolving may write a terminating error, which only this thread may do.
            _ = Client;
            using var logger = CreateLogger();
            Task<T> task;
            using (CloudthreadLogScope.Begin(logger))
            {
                // Task.Run captures the execution context, so the log scope flows into the client's work.
                var token = CancellationToken;
                task = Task.Run(() => operation(token), token);
            }

            task.ContinueWith(_ => logger.Complete(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            try
            {
                foreach (var line in logger.Lines.GetConsumingEnumerable(CancellationToken))
                {
                    WriteLogLine(line);
                }

                return task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        /// <summary>
        /// A logger for the client's lines of this invocation, to be used with <see cref="CloudthreadLogScope"/>;
        /// the lines are written on the pipeline thread by <see cref="WriteQueuedLogLines"/> (or by Run).
        /// </summary>
        internal QueuedLogger CreateLogger() =>
            // Detail implies summary in the client's handlers: -Debug alone must still receive the bodies.
            new QueuedLogger(IsVerbose || IsDebug, IsDebug);

        /// <summary>Writes what the logger has queued so far, without waiting. Pipeline thread only.</summary>
        internal void WriteQueuedLogLines(QueuedLogger logger)
        {
            while (logger.Lines.TryTake(out var line))
            {
                WriteLogLine(line);
            }
        }

        private void WriteLogLine(QueuedLogger.LogLine line)
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

        /// <summary>
        /// ShouldProcess for a change, where a host that cannot ask (pwsh -NonInteractive, a scheduler) gets a
        /// terminating error that says what to add, instead of the engine's generic "Read and Prompt functionality
        /// is not available". Every change asks through these (ConfirmationTests keeps it so).
        /// </summary>
        protected bool ShouldProcessChange(string target, string action)
        {
            try
            {
                return ShouldProcess(target, action);
            }
            catch (PSInvalidOperationException ex)
            {
                throw ConfirmationNotPossible(target, action, ex);
            }
        }

        /// <inheritdoc cref="ShouldProcessChange(string, string)"/>
        protected bool ShouldProcessChange(string description, string warning, string caption)
        {
            try
            {
                return ShouldProcess(description, warning, caption);
            }
            catch (PSInvalidOperationException ex)
            {
                throw ConfirmationNotPossible(description, caption, ex);
            }
        }

        /// <inheritdoc cref="ShouldProcessChange(string, string)"/>
        protected bool ShouldProcessChange(string description, string warning, string caption, out ShouldProcessReason reason)
        {
            try
            {
                return ShouldProcess(description, warning, caption, out reason);
            }
            catch (PSInvalidOperationException ex)
            {
                throw ConfirmationNotPossible(description, caption, ex);
            }
        }

        /// <summary>ShouldContinue (always asks) with the same answer for a host that cannot ask.</summary>
        protected bool ShouldContinueChange(string query, string caption, ref bool yesToAll, ref bool noToAll)
        {
            try
            {
                return ShouldContinue(query, caption, ref yesToAll, ref noToAll);
            }
            catch (PSInvalidOperationException ex)
            {
                throw ConfirmationNotPossible(query, caption, ex);
            }
        }

        private PipelineStoppedException ConfirmationNotPossible(string target, string action, Exception cause)
        {
            // The engine throws PSInvalidOperationException when a confirmation prompt meets a host that cannot prompt.
            var name = MyInvocation.MyCommand.Name;
            ThrowTerminatingError(ErrorRecordFactory.Invocation(
                ErrorIds.ConfirmationNotPossible,
                ErrorCategory.InvalidOperation,
                name + " needs a confirmation to '" + action + "' (" + target + "), and this PowerShell cannot ask for one: " +
                "it is non-interactive. Nothing more was changed. Add -Confirm:$false to go ahead without asking, or -WhatIf to see what would change.",
                target,
                name + " ... -Confirm:$false",
                cause));
            return new PipelineStoppedException(); // not reached: ThrowTerminatingError throws
        }

        /// <summary>A verbose line that never prompts (see <see cref="VerboseStream"/>); hides Cmdlet.WriteVerbose for every derived cmdlet.</summary>
        protected new void WriteVerbose(string text) => VerboseStream.Write(this, text);

        /// <summary>Runs a client call that returns nothing.</summary>
        protected void Run(Func<CancellationToken, Task> operation)
        {
            if (operation is null)
            {
                throw new ArgumentNullException(nameof(operation));
            }

            Run<bool>(async token =>
            {
                await operation(token).ConfigureAwait(false);
                return true;
            });
        }

        /// <summary>Writes a non-terminating error for one item, mapped from a client exception (ErrorId, category, details).</summary>
        /// <summary>
        /// The wildcard filter of one parameter's values; each malformed pattern is reported (InvalidWildcardPattern,
        /// non-terminating: the other values and the rest of the input go on) and matches nothing.
        /// </summary>
        private protected WildcardFilter? WildcardFilterOf(string[]? patterns, string parameterName)
        {
            var invalid = new List<(string Pattern, WildcardPatternException Error)>();
            var filter = WildcardFilter.Create(patterns, invalid);
            foreach (var (pattern, error) in invalid)
            {
                WriteError(ErrorRecordFactory.Invocation(
                    ErrorIds.InvalidWildcardPattern,
                    ErrorCategory.InvalidArgument,
                    "-" + parameterName + " '" + pattern + "' is not a valid wildcard pattern: " + error.Message + " To match [ or ] literally, escape it with a backtick (`[).",
                    pattern,
                    inner: error));
            }

            return filter;
        }

        protected void WriteClientError(Exception exception, object? targetObject) =>
            WriteError(ErrorRecordFactory.FromException(exception, targetObject, NotFoundErrorId, NotSupportedErrorId));

        /// <summary>
        /// A warning that must be seen even while the pipeline stops (a stop report): when the warning stream is
        /// closed (stopped, or $WarningPreference 'Stop' already fired), it goes to the host.
        /// </summary>
        protected void WriteWarningEvenIfStopped(string message)
        {
            try
            {
                WriteWarning(message);
            }
            catch (Exception ex) when (ex is PipelineStoppedException or PSInvalidOperationException or ActionPreferenceStopException)
            {
                Host?.UI?.WriteWarningLine(message);
            }
        }

        /// <summary>FailedItemsFileNotWritten for a -FailedPointsPath / -FailedEventsPath file; told to the host when the pipeline is stopping.</summary>
        protected void WriteFailedItemsFileError(string path, string message, Exception cause)
        {
            try
            {
                WriteError(new ErrorRecord(new System.IO.IOException(message, cause), ErrorIds.FailedItemsFileNotWritten, ErrorCategory.WriteError, path));
            }
            catch (Exception ex) when (ex is PipelineStoppedException or PSInvalidOperationException or ActionPreferenceStopException)
            {
                Host?.UI?.WriteWarningLine(message);
            }
        }

        /// <summary>Stops the command with an error mapped from a client exception (the whole invocation failed).</summary>
        protected void ThrowClientError(Exception exception, object? targetObject) =>
            ThrowTerminatingError(ErrorRecordFactory.FromException(exception, targetObject, NotFoundErrorId, NotSupportedErrorId));

        /// <summary>
        /// For a command whose end matters (it reports what it sent): a process told to end (SIGTERM) stops it as
        /// Ctrl+C does and waits a moment for its report. Undone when the command is disposed.
        /// </summary>
        protected void StopOnProcessExit() => _processExitStop ??= new ProcessExitStop(StopProcessing);

        protected override void StopProcessing()
        {
            try
            {
                _stopping.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The command already ended.
            }
        }

        /// <summary>Progress of work over several items (written only when there is more than one).</summary>
        protected void WriteItemProgress(string activity, string status, int done, int total)
        {
            if (total > 1)
            {
                WriteProgress(new ProgressRecord(ProgressActivityId, activity, status)
                {
                    PercentComplete = Math.Min(100, done * 100 / total),
                });
            }
        }

        /// <summary>Ends the progress bar started by <see cref="WriteItemProgress"/>.</summary>
        protected void CompleteItemProgress(string activity, int total)
        {
            if (total > 1)
            {
                WriteProgress(new ProgressRecord(ProgressActivityId, activity, "Done") { RecordType = ProgressRecordType.Completed });
            }
        }

        /// <summary>PowerShell disposes a cmdlet after its pipeline ends (also after Ctrl+C or a terminating error).</summary>
        public void Dispose()
        {
            ReleaseResources();
            _processExitStop?.Dispose();
            _processExitStop = null;
            _ownedClient?.Dispose();
            _ownedClient = null;
            _lease?.Release();
            _lease = null;
            _stopping.Dispose();
            GC.SuppressFinalize(this);
        }

        /// <summary>Frees what a derived cmdlet holds; runs before the base's own cleanup.</summary>
        protected virtual void ReleaseResources()
        {
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

        private CloudthreadClient ResolveClient()
        {
            // Leased until this command is disposed: a Connect-Cloudthread elsewhere in the process meanwhile retires
            // the connection but cannot dispose it under this command.
            var connection = _lease = ConnectionStore.Acquire();
            var callKey = SecureStrings.ToPlainText(ApiKey);
            var environmentKey = SecureStrings.NonEmpty(Environment.GetEnvironmentVariable(ApiKeyVariable));
            if (callKey is null && BaseUri is null)
            {
                if (connection is not null)
                {
                    return connection.Client;
                }

                if (environmentKey is null)
                {
                    ThrowTerminatingError(ErrorRecordFactory.Invocation(
                        ErrorIds.NotConnected,
                        ErrorCategory.InvalidOperation,
                        "Not connected to Cloudthread: run Connect-Cloudthread first, pass -ApiKey, or set $env:" + ApiKeyVariable + ".",
                        null,
                        "Connect-Cloudthread -ApiKey (Read-Host -AsSecureString 'API key')"));
                }
            }

            var key = callKey ?? connection?.Options.ApiKey ?? environmentKey;
            if (key is null)
            {
                ThrowTerminatingError(ErrorRecordFactory.Invocation(
                    ErrorIds.ApiKeyMissing,
                    ErrorCategory.AuthenticationError,
                    "No API key: pass -ApiKey, run Connect-Cloudthread, or set $env:" + ApiKeyVariable + ".",
                    BaseUri is null ? null : UriDisplay.WithoutUserInfo(BaseUri),
                    "Pass -ApiKey (a SecureString) or set $env:" + ApiKeyVariable + "."));
            }

            var options = ClientOptionsFactory.CopyOf(connection?.Options);
            options.ApiKey = key;
            options.BaseUri = BaseUri ?? connection?.Options.BaseUri ?? ClientOptionsFactory.EnvironmentBaseUri() ?? CloudthreadClientOptions.DefaultBaseUri;
            try
            {
                _ownedClient = new CloudthreadClient(options);
            }
            catch (CloudthreadException ex)
            {
                ThrowTerminatingError(ErrorRecordFactory.FromException(ex, UriDisplay.WithoutUserInfo(options.BaseUri), NotFoundErrorId, NotSupportedErrorId));
                throw;
            }

            return _ownedClient;
        }
    }
}
