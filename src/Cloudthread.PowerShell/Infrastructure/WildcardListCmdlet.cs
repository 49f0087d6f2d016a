using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Cloudthread.Client;

namespace Cloudthread.PowerShell.Infrastructure
{
    /// <summary>
    /// Get-CtTeam and Get-CtUser: the whole list is read once, at the first input, and each input writes the items its
    /// wildcard filters match. A filter value without wildcards that matches nothing is an error. A failed read is one
    /// non-terminating error (so -ErrorAction governs it), and later input writes nothing rather than asking again.
    /// </summary>
    public abstract class WildcardListCmdlet<T> : CloudthreadCmdlet
    {
        private IReadOnlyList<T>? _items;
        private bool _readFailed;

        /// <summary>The whole list, from the API.</summary>
        private protected abstract Task<IReadOnlyList<T>> ReadAllAsync(CloudthreadClient client, CancellationToken cancellationToken);

        /// <summary>Writes the items that match this input's filters, and an error for each literal value that matches none.</summary>
        private protected abstract void WriteMatches(IReadOnlyList<T> items);

        /// <summary>Called once with the list, when it was read.</summary>
        private protected virtual void OnRead(IReadOnlyList<T> items)
        {
        }

        protected override void ProcessRecord()
        {
            if (_readFailed)
            {
                return;
            }

            if (_items is null)
            {
                try
                {
                    _items = CallClient(token => ReadAllAsync(Client, token));
                }
                catch (CloudthreadException ex)
                {
                    _readFailed = true;
                    WriteClientError(ex, null);
                    return;
                }

                OnRead(_items);
            }

            WriteMatches(_items);
        }

        /// <summary>
        /// An ObjectNotFound error <paramref name="errorId"/> for each value of <paramref name="filter"/> without wildcards
        /// that is none of <paramref name="values"/>; <paramref name="notFound"/> starts its message ("No team named ").
        /// </summary>
        private protected void WriteLiteralMisses(string[]? filter, IEnumerable<string> values, string errorId, string notFound)
        {
            foreach (var missing in WildcardFilter.LiteralMisses(filter, values))
            {
                WriteError(ErrorRecordFactory.Invocation(errorId, ErrorCategory.ObjectNotFound, notFound + "'" + missing + "'.", missing));
            }
        }
    }
}
