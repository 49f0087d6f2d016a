using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace Cloudthread.PowerShell.Completers
{
    /// <summary>
    /// Savings opportunity statuses the service documents. A completer rather than ValidateSet: the service may
    /// add statuses, and a filter value it does not know simply matches nothing.
    /// </summary>
    public sealed class OpportunityStatusCompleter : IArgumentCompleter
    {
        private static readonly string[] Values = { "Open", "Assigned", "In Progress", "Validation", "Done", "Dismissed" };

        public IEnumerable<CompletionResult> CompleteArgument(
            string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
            CompletionValues.Matching(Values, wordToComplete);
    }

    /// <summary>Savings opportunity sources the service documents.</summary>
    public sealed class OpportunitySourceCompleter : IArgumentCompleter
    {
        private static readonly string[] Values = { "Cloudthread", "AWS Compute Optimizer", "AWS Trusted Advisor" };

        public IEnumerable<CompletionResult> CompleteArgument(
            string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
            CompletionValues.Matching(Values, wordToComplete);
    }

    /// <summary>Common cost types; -CostType also takes any other name or an integer cost column id.</summary>
    public sealed class CostTypeCompleter : IArgumentCompleter
    {
        private static readonly string[] Values = { "Unblended", "Blended", "Amortized", "NetUnblended", "NetAmortized", "Public" };

        public IEnumerable<CompletionResult> CompleteArgument(
            string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
            CompletionValues.Matching(Values, wordToComplete);
    }
}
