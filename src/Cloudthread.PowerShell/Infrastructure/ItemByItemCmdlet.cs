using System;
using System.Collections.Generic;
using Cloudthread.Client;

namespace Cloudthread.PowerShell.Infrastructure
{
    /// <summary>
    /// A cmdlet that calls the API once for each of several ids (teams, catalogs) with a progress bar: the failure of
    /// one id is an error that names it, and the next id goes on.
    /// </summary>
    public abstract class ItemByItemCmdlet : CloudthreadCmdlet
    {
        /// <param name="activity">The progress activity ("Deleting teams").</param>
        /// <param name="noun">What an id names, for the progress status ("Team": Team 'platform').</param>
        /// <param name="ids">The ids, in order.</param>
        /// <param name="call">The work for one id; a <see cref="CloudthreadException"/> it throws becomes that id's error.</param>
        private protected void ForEachItem(string activity, string noun, IReadOnlyList<string> ids, Action<string> call)
        {
            for (var index = 0; index < ids.Count; index++)
            {
                var id = ids[index];
                WriteItemProgress(activity, noun + " '" + id + "'", index, ids.Count);
                try
                {
                    call(id);
                }
                catch (CloudthreadException ex)
                {
                    WriteClientError(ex, id);
                }
            }

            CompleteItemProgress(activity, ids.Count);
        }
    }
}
