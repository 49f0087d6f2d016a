using System;
using System.Management.Automation;
using System.Security;
using Cloudthread.Client;

namespace Cloudthread.PowerShell.Infrastructure
{
    /// <summary>Which client an invocation uses: the connection's, or one of its own for -ApiKey/-BaseUri.</summary>
    public abstract partial class CloudthreadCmdlet
    {
        internal const string ApiKeyVariable = "CLOUDTHREAD_API_KEY";
        internal const string DataStreamTokenVariable = "CLOUDTHREAD_DATA_STREAM_TOKEN";
        internal const string BaseUriVariable = "CLOUDTHREAD_BASE_URI";

        private CloudthreadClient? _client;
        private CloudthreadClient? _ownedClient;
        private CloudthreadConnection? _lease;

        /// <summary>An API key for this call only, instead of the connection's.</summary>
        [Parameter]
        public SecureString? ApiKey { get; set; }

        /// <summary>A base URI for this call only, instead of the connection's.</summary>
        [Parameter]
        public Uri? BaseUri { get; set; }

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

        /// <summary>Gives back the client this invocation made or leased; part of <see cref="Dispose"/>.</summary>
        private void ReleaseClient()
        {
            _ownedClient?.Dispose();
            _ownedClient = null;
            _lease?.Release();
            _lease = null;
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
