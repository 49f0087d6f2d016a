using System;
using System.Threading;
using System.Threading.Tasks;
using Cloudthread.Client;

namespace Cloudthread.PowerShell.Infrastructure
{
    /// <summary>
    /// A cmdlet whose record is one client call (New-CtTeam, Set-CtTeam, New-CtUser, Get-CtSavingsOpportunity, reading the
    /// organisation for a teams file): a failed call is a non-terminating error about what was asked, so -ErrorAction
    /// governs it and the next record goes on.
    /// </summary>
    public abstract class SingleCallCmdlet : CloudthreadCmdlet
    {
        /// <summary>The call's answer; null once its failure is written as an error whose target is <paramref name="target"/>.</summary>
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
    }
}
