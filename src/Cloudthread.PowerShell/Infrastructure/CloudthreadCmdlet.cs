using System;
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
    public abstract class CloudthreadCmdlet : PSCmdlet
    {
        /// <summary>An API key for this call only, instead of the connection's.</summary>
        [Parameter]
        public SecureString? ApiKey { get; set; }

        /// <summary>A base URI for this call only, instead of the connection's.</summary>
        [Parameter]
        public Uri? BaseUri { get; set; }

        /// <summary>Cancelled when the user presses Ctrl+C (StopProcessing).</summary>
        protected CancellationToken CancellationToken => throw new NotImplementedException();

        /// <summary>The client for this invocation; throws a terminating error when there is no connection or key.</summary>
        protected CloudthreadClient Client => throw new NotImplementedException();

        /// <summary>Runs a client call to completion on the pipeline thread, relaying log lines as verbose/debug output.</summary>
        protected T Run<T>(Func<CancellationToken, Task<T>> operation) => throw new NotImplementedException();

        /// <summary>Runs a client call that returns nothing.</summary>
        protected void Run(Func<CancellationToken, Task> operation) => throw new NotImplementedException();

        /// <summary>Writes a non-terminating error for one item, mapped from a client exception (ErrorId, category, details).</summary>
        protected void WriteClientError(Exception exception, object? targetObject) => throw new NotImplementedException();
    }
}
