using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;
using Cloudthread.PowerShell.Infrastructure;

namespace Cloudthread.PowerShell.Completers
{
    /// <summary>
    /// Completes cost view ids (for -CostViewId) or unit metric ids (for -UnitMetricId) used earlier with
    /// Get-CtMetric on this connection: the API offers no list of them.
    /// </summary>
    public sealed class MetricIdCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(
            string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var connection = ConnectionStore.Current;
            if (connection is null)
            {
                return Array.Empty<CompletionResult>();
            }

            var ids = string.Equals(parameterName, "UnitMetricId", StringComparison.OrdinalIgnoreCase)
                ? connection.UnitMetricIds
                : connection.CostViewIds;
            return CompletionValues.Matching(ids, wordToComplete);
        }
    }
}
