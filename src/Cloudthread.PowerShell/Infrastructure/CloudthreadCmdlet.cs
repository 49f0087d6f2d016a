using System;
using System.Management.Automation;
using System.Threading;

namespace Cloudthread.PowerShell.Infrastructure
{
    /// <summary>
    /// Base of every cmdlet that calls the API. Its parts: which client an invocation uses (.Connection.cs); client
    /// work on another thread while the pipeline thread writes what it reports (.PipelineThread.cs); confirmations
    /// (.Confirmation.cs); errors, warnings and progress (.Streams.cs). Here: stopping, and the end of an invocation.
    /// </summary>
    public abstract partial class CloudthreadCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private ProcessExitStop? _processExitStop;

        /// <summary>Cancelled when the user presses Ctrl+C (StopProcessing).</summary>
        protected CancellationToken CancellationToken => _stopping.Token;

        /// <summary>The ErrorId for a 404 whose server code does not say what was missing (e.g. TeamNotFound).</summary>
        protected virtual string? NotFoundErrorId => null;

        /// <summary>The ErrorId when the server does not offer the operation.</summary>
        protected virtual string? NotSupportedErrorId => null;

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

        /// <summary>PowerShell disposes a cmdlet after its pipeline ends (also after Ctrl+C or a terminating error).</summary>
        public void Dispose()
        {
            ReleaseResources();
            _processExitStop?.Dispose();
            _processExitStop = null;
            ReleaseClient();
            _stopping.Dispose();
            GC.SuppressFinalize(this);
        }

        /// <summary>Frees what a derived cmdlet holds; runs before the base's own cleanup.</summary>
        protected virtual void ReleaseResources()
        {
        }
    }
}
