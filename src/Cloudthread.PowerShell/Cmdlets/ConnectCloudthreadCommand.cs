using System;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Security;
using Cloudthread.Client;
using Cloudthread.PowerShell.Infrastructure;

namespace Cloudthread.PowerShell.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Connects this PowerShell session (runspace) to the Cloudthread API.</para>
    /// <para type="description">The API key comes from -ApiKey, from a SecretManagement vault (-Vault, -SecretName), or from
    /// $env:CLOUDTHREAD_API_KEY. Never prompts: without a key the command fails with ApiKeyMissing, so it is safe unattended.</para>
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "Cloudthread", HelpUri = HelpLinks.Base + "Connect-Cloudthread.md", DefaultParameterSetName = KeySet)]
    [OutputType(typeof(CloudthreadConnectionInfo))]
    public sealed class ConnectCloudthreadCommand : PSCmdlet
    {
        private const string KeySet = "ApiKey";
        private const string VaultSet = "Vault";

        /// <summary>The API key. Omitted: $env:CLOUDTHREAD_API_KEY.</summary>
        [Parameter(ParameterSetName = KeySet, Position = 0)]
        public SecureString? ApiKey { get; set; }

        /// <summary>SecretManagement vault holding the API key (and, optionally, the data stream token).</summary>
        [Parameter(ParameterSetName = VaultSet, Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string Vault { get; set; } = string.Empty;

        /// <summary>Name of the API key's secret in -Vault.</summary>
        [Parameter(ParameterSetName = VaultSet, Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string SecretName { get; set; } = string.Empty;

        /// <summary>Name of the data stream token's secret in -Vault.</summary>
        [Parameter(ParameterSetName = VaultSet)]
        [ValidateNotNullOrEmpty]
        public string? DataStreamTokenSecretName { get; set; }

        /// <summary>The API's base URI. Default: https://api.cloudthread.io (or $env:CLOUDTHREAD_BASE_URI).</summary>
        [Parameter]
        [ValidateNotNull]
        public Uri? BaseUri { get; set; }

        /// <summary>Default data stream token for Send-CtCustomData. Omitted: $env:CLOUDTHREAD_DATA_STREAM_TOKEN.</summary>
        [Parameter]
        public SecureString? DataStreamToken { get; set; }

        /// <summary>Retries after the first attempt of a failed request (429, 5xx, network). 0 disables retries.</summary>
        [Parameter]
        [ValidateRange(0, 20)]
        public int MaxRetries { get; set; } = 4;

        /// <summary>Longest single wait between attempts (Retry-After included): a TimeSpan, or seconds.</summary>
        [Parameter]
        [SecondsToTimeSpan]
        public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>No retry starts after this much time since the first attempt: a TimeSpan, or seconds.</summary>
        [Parameter]
        [SecondsToTimeSpan]
        public TimeSpan RetryBudget { get; set; } = TimeSpan.FromMinutes(2);

        /// <summary>Timeout of one attempt, in seconds.</summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int TimeoutSec { get; set; } = 100;

        /// <summary>The largest answer read, in bytes after decompression (default 64MB); a larger one fails with ResponseTooLarge, so that a broken or hostile server cannot exhaust memory.</summary>
        [Parameter]
        [ValidateRange(1024L, long.MaxValue)]
        public long MaxResponseBytes { get; set; } = CloudthreadClientOptions.DefaultMaxResponseBytes;

        /// <summary>Proxy server to use instead of the system settings.</summary>
        [Parameter]
        public Uri? Proxy { get; set; }

        /// <summary>Credential for -Proxy.</summary>
        [Parameter]
        public PSCredential? ProxyCredential { get; set; }

        /// <summary>Connect directly, ignoring system proxy settings and HTTP(S)_PROXY.</summary>
        [Parameter]
        public SwitchParameter NoProxy { get; set; }

        /// <summary>How timestamps are written on the wire: Rfc3339 (default) or SpaceSeparated ('yyyy-MM-dd HH:mm:ss').</summary>
        [Parameter]
        public TimestampFormat TimestampFormat { get; set; } = TimestampFormat.Rfc3339;

        /// <summary>Writes the new connection's CloudthreadConnectionInfo.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>
        /// Process (default): one connection for every runspace of the process (ForEach-Object -Parallel, thread jobs).
        /// Runspace: this runspace only, and it wins over the process connection there.
        /// </summary>
        [Parameter]
        [ValidateSet(ConnectionStore.ProcessScope, ConnectionStore.RunspaceScope, IgnoreCase = true)]
        public string Scope { get; set; } = ConnectionStore.ProcessScope;

        protected override void EndProcessing()
        {
            var settings = BuildOptions();
            string source;
            string? apiKey;
            string? streamToken = SecureStrings.ToPlainText(DataStreamToken);
            if (ParameterSetName == VaultSet)
            {
                var vault = new SecretVault(this);
                apiKey = vault.Get(Vault, SecretName);
                source = "Vault";
                if (DataStreamTokenSecretName is not null)
                {
                    streamToken ??= vault.Get(Vault, DataStreamTokenSecretName);
                }
            }
            else
            {
                apiKey = SecureStrings.ToPlainText(ApiKey);
                source = "Parameter";
                if (apiKey is null)
                {
                    apiKey = SecureStrings.NonEmpty(Environment.GetEnvironmentVariable(CloudthreadCmdlet.ApiKeyVariable));
                    source = "Environment";
                }
            }

            if (apiKey is null)
            {
                ThrowTerminatingError(ErrorRecordFactory.Invocation(
                    ErrorIds.ApiKeyMissing,
                    ErrorCategory.AuthenticationError,
                    "No API key: pass -ApiKey, use -Vault and -SecretName, or set $env:" + CloudthreadCmdlet.ApiKeyVariable + ".",
                    null,
                    "Connect-Cloudthread -ApiKey (Read-Host -AsSecureString 'API key')"));
            }

            streamToken ??= SecureStrings.NonEmpty(Environment.GetEnvironmentVariable(CloudthreadCmdlet.DataStreamTokenVariable));
            settings.ApiKey = apiKey;
            CloudthreadConnection connection;
            try
            {
                var scope = string.Equals(Scope, ConnectionStore.RunspaceScope, StringComparison.OrdinalIgnoreCase) ? ConnectionStore.RunspaceScope : ConnectionStore.ProcessScope;
                connection = new CloudthreadConnection(settings, streamToken, source, scope);
            }
            catch (CloudthreadException ex)
            {
                // The client refuses a configuration it considers unsafe (e.g. plain HTTP to a remote host).
                ThrowTerminatingError(ErrorRecordFactory.FromException(ex, UriDisplay.WithoutUserInfo(settings.BaseUri)));
                return;
            }

            ConnectionStore.Set(connection);
            VerboseStream.Write(this, "Connected to " + settings.BaseUri + " (API key from " + source + ", for the " + connection.Scope.ToLowerInvariant() + ").");
            if (PassThru)
            {
                WriteObject(ConnectionInfoFactory.Describe(connection));
            }
        }

        private CloudthreadClientOptions BuildOptions()
        {
            if (NoProxy && (Proxy is not null || ProxyCredential is not null))
            {
                ThrowTerminatingError(ErrorRecordFactory.Invocation(
                    ErrorIds.InvalidConfiguration, ErrorCategory.InvalidArgument, "-NoProxy cannot be combined with -Proxy or -ProxyCredential.", null));
            }

            if (ProxyCredential is not null && Proxy is null)
            {
                ThrowTerminatingError(ErrorRecordFactory.Invocation(
                    ErrorIds.InvalidConfiguration, ErrorCategory.InvalidArgument, "-ProxyCredential needs -Proxy.", null));
            }

            var options = new CloudthreadClientOptions
            {
                BaseUri = BaseUri ?? ClientOptionsFactory.EnvironmentBaseUri() ?? CloudthreadClientOptions.DefaultBaseUri,
                AttemptTimeout = TimeSpan.FromSeconds(TimeoutSec),
                TimestampFormat = TimestampFormat,
                MaxResponseBytes = MaxResponseBytes,
            };
            options.Retry.MaxAttempts = MaxRetries + 1;
            options.Retry.MaxDelay = MaxRetryDelay;
            options.Retry.TotalBudget = RetryBudget;
            if (NoProxy)
            {
                options.Proxy.Mode = ProxyMode.None;
            }
            else if (Proxy is not null)
            {
                options.Proxy.Mode = ProxyMode.Explicit;
                options.Proxy.Address = Proxy;
                options.Proxy.Credential = ProxyCredential?.GetNetworkCredential();
            }

            try
            {
                // The client's rules, checked before the key is looked up: a wrong setting is named even without a key.
                options.Validate();
            }
            catch (CloudthreadException ex)
            {
                ThrowTerminatingError(ErrorRecordFactory.FromException(ex, UriDisplay.WithoutUserInfo(options.BaseUri)));
            }

            return options;
        }
    }
}
