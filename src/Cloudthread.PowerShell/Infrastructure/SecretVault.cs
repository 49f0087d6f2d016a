using System;
using System.Linq;
using System.Management.Automation;
using System.Security;

namespace Cloudthread.PowerShell.Infrastructure
{
    /// <summary>
    /// Reads a secret through Microsoft.PowerShell.SecretManagement when that module is available; the module
    /// is optional, so it is called through the engine rather than referenced.
    /// </summary>
    internal sealed class SecretVault
    {
        private const string ModuleName = "Microsoft.PowerShell.SecretManagement";
        private readonly PSCmdlet _cmdlet;
        private bool? _available;

        public SecretVault(PSCmdlet cmdlet) => _cmdlet = cmdlet;

        /// <summary>The secret as plain text (for the client only); a terminating error when it cannot be had.</summary>
        public string Get(string vault, string name)
        {
            _available ??= _cmdlet.InvokeCommand
                .NewScriptBlock("Get-Command -Name Get-Secret -Module '" + ModuleName + "' -ErrorAction Ignore")
                .Invoke()
                .Count > 0;
            if (_available != true)
            {
                _cmdlet.ThrowTerminatingError(ErrorRecordFactory.Invocation(
                    ErrorIds.SecretManagementNotAvailable,
                    ErrorCategory.NotInstalled,
                    "-Vault needs the " + ModuleName + " module, which was not found on PSModulePath: " +
                    "Install-PSResource " + ModuleName + " (PowerShellGet 2: Install-Module " + ModuleName + "), " +
                    "or pass -ApiKey, or set $env:" + CloudthreadCmdlet.ApiKeyVariable + ".",
                    vault,
                    "Install-PSResource " + ModuleName + ", or pass -ApiKey, or set $env:" + CloudthreadCmdlet.ApiKeyVariable + "."));
            }

            object? secret;
            try
            {
                secret = _cmdlet.InvokeCommand
                    .NewScriptBlock("param($vault, $name) " + ModuleName + "\\Get-Secret -Vault $vault -Name $name -ErrorAction Stop")
                    .Invoke(vault, name)
                    .Select(o => o?.BaseObject)
                    .FirstOrDefault();
            }
            catch (RuntimeException ex)
            {
                // SecretManagement's messages name the vault and secret, never the secret's value.
                _cmdlet.ThrowTerminatingError(ErrorRecordFactory.Invocation(
                    ErrorIds.SecretRetrievalFailed,
                    ErrorCategory.ObjectNotFound,
                    "Could not read secret '" + name + "' from vault '" + vault + "': " + ex.Message,
                    name,
                    inner: ex));
                return string.Empty;
            }

            var text = secret switch
            {
                SecureString secure => SecureStrings.ToPlainText(secure),
                string plain => SecureStrings.NonEmpty(plain),
                PSCredential credential => SecureStrings.ToPlainText(credential.Password),
                _ => null,
            };
            if (text is null)
            {
                _cmdlet.ThrowTerminatingError(ErrorRecordFactory.Invocation(
                    ErrorIds.SecretRetrievalFailed,
                    ErrorCategory.InvalidData,
                    "Secret '" + name + "' in vault '" + vault + "' is empty or not a string, SecureString or PSCredential.",
                    name));
            }

            return text ?? string.Empty;
        }
    }
}
