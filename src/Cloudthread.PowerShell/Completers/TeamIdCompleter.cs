using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using System.Threading.Tasks;
using Cloudthread.PowerShell.Infrastructure;

namespace Cloudthread.PowerShell.Completers
{
    /// <summary>
    /// Completes team ids from the connection's cached team list; fetches the list (briefly, at most two
    /// seconds) when the cache is empty or stale. Without a connection, completes nothing.
    /// </summary>
    public sealed class TeamIdCompleter : IArgumentCompleter
    {
        private static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(2);

        public IEnumerable<CompletionResult> CompleteArgument(
            string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var connection = ConnectionStore.Current;
            if (connection is null)
            {
                return Array.Empty<CompletionResult>();
            }

            var ids = connection.CachedTeamIds ?? Fetch(connection);
            return CompletionValues.Matching(ids, wordToComplete);
        }

        private static IReadOnlyList<string> Fetch(CloudthreadConnection connection)
        {
            try
            {
                // Not disposed while the request may still run: its timer is what cancels an abandoned request.
                var timeout = new CancellationTokenSource(FetchTimeout);
                var task = Task.Run(() => connection.Client.GetTeamsAsync(timeout.Token), timeout.Token);
                if (!task.Wait(FetchTimeout))
                {
                    task.ContinueWith(_ => timeout.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                    return Array.Empty<string>();
                }

                timeout.Dispose();

                var ids = task.Result.Select(team => team.Id).ToList();
                connection.RememberTeamIds(ids);
                return ids;
            }
            catch (AggregateException)
            {
                // Completion must never fail the user's typing: no list is the answer.
                return Array.Empty<string>();
            }
            catch (OperationCanceledException)
            {
                return Array.Empty<string>();
            }
        }
    }
}
