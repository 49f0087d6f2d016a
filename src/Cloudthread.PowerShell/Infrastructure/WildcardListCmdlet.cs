using System;
using System.Collections.Generic;
using System.Linq;
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

        /// <summary>This input's filter parameters, in the order their errors are written.</summary>
        private protected abstract IReadOnlyList<ListFilter> Filters();

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
        /// Writes the items that every filter matches, then, filter by filter, an ObjectNotFound error (NotFoundErrorId)
        /// for each value without wildcards that names no item.
        /// </summary>
        private void WriteMatches(IReadOnlyList<T> items)
        {
            var filters = Filters();
            var tests = filters.Select(filter => (filter.Property, Pattern: WildcardFilterOf(filter.Values, filter.ParameterName))).ToList();
            WriteObject(items.Where(item => tests.All(test => WildcardFilter.Matches(test.Property(item), test.Pattern))).ToList(), enumerateCollection: true);
            foreach (var filter in filters)
            {
                foreach (var missing in WildcardFilter.LiteralMisses(filter.Values, items.Select(filter.Property)))
                {
                    WriteError(ErrorRecordFactory.Invocation(NotFoundErrorId!, ErrorCategory.ObjectNotFound, filter.NotFound + "'" + missing + "'.", missing));
                }
            }
        }

        /// <summary>One filter parameter: its values, the item's property it matches, and how a miss's message starts ("No team named ").</summary>
        private protected sealed class ListFilter
        {
            public ListFilter(string[]? values, string parameterName, Func<T, string> property, string notFound)
            {
                Values = values;
                ParameterName = parameterName;
                Property = property;
                NotFound = notFound;
            }

            public string[]? Values { get; }

            public string ParameterName { get; }

            public Func<T, string> Property { get; }

            public string NotFound { get; }
        }
    }
}
