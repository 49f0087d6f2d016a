using System;
using Cloudthread.Client.Models;
using System.Collections;
using System.Linq;
using System.Management.Automation;

namespace Cloudthread.PowerShell.Infrastructure
{
    /// <summary>
    /// The data filters of a team, shared by New-CtTeam and Set-CtTeam. Lists take several values
    /// (-AwsService 'Amazon EC2','Amazon S3'); tag-like filters take hashtables (-AwsTag @{ env = 'prod' }).
    /// An empty array clears a filter (Set-CtTeam).
    /// </summary>
    public abstract class TeamFieldsCmdlet : CloudthreadCmdlet
    {
        [Parameter]
        [Alias("AwsAccountIds")]
        [AllowEmptyCollection]
        public string[]? AwsAccountId { get; set; }

        [Parameter]
        [Alias("AwsBillPayerAccountIds")]
        [AllowEmptyCollection]
        public string[]? AwsBillPayerAccountId { get; set; }

        [Parameter]
        [Alias("AwsRegionNames", "AwsRegion")]
        [AllowEmptyCollection]
        public string[]? AwsRegionName { get; set; }

        [Parameter]
        [Alias("AwsServices")]
        [AllowEmptyCollection]
        public string[]? AwsService { get; set; }

        /// <summary>AWS resource tags, one hashtable per tag (@{ env = 'prod' }).</summary>
        [Parameter]
        [Alias("AwsTags")]
        [AllowEmptyCollection]
        public IDictionary[]? AwsTag { get; set; }

        [Parameter]
        [Alias("AwsAccountTags")]
        [AllowEmptyCollection]
        public IDictionary[]? AwsAccountTag { get; set; }

        [Parameter]
        [Alias("GcpProjectNames")]
        [AllowEmptyCollection]
        public string[]? GcpProjectName { get; set; }

        [Parameter]
        [Alias("GcpBillingAccountIds")]
        [AllowEmptyCollection]
        public string[]? GcpBillingAccountId { get; set; }

        [Parameter]
        [Alias("GcpSkuIds")]
        [AllowEmptyCollection]
        public string[]? GcpSkuId { get; set; }

        [Parameter]
        [Alias("GcpLocations")]
        [AllowEmptyCollection]
        public string[]? GcpLocation { get; set; }

        [Parameter]
        [Alias("GcpServices")]
        [AllowEmptyCollection]
        public string[]? GcpService { get; set; }

        [Parameter]
        [Alias("GcpLabels")]
        [AllowEmptyCollection]
        public IDictionary[]? GcpLabel { get; set; }

        /// <summary>Data stream tokens whose custom data belongs to the team (secrets: never shown by the table view).</summary>
        [Parameter]
        [Alias("CustomStreamTokens")]
        [AllowEmptyCollection]
        public string[]? CustomStreamToken { get; set; }

        [Parameter]
        [Alias("CustomMetricNames")]
        [AllowEmptyCollection]
        public string[]? CustomMetricName { get; set; }

        [Parameter]
        [Alias("CustomDimensions")]
        [AllowEmptyCollection]
        public IDictionary[]? CustomDimension { get; set; }

        /// <summary>Opportunity priorities the team sees, 1 (highest) to 3.</summary>
        [Parameter]
        [Alias("OpportunityPriorities")]
        [AllowEmptyCollection]
        [ValidateRange(1, 3)]
        public int[]? OpportunityPriority { get; set; }

        /// <summary>
        /// The team filters given on the command line; a filter not given stays null ("leave as is"). Parameters are
        /// found by TeamFields' ParameterName, so the client's one list of fields decides what is sent.
        /// </summary>
        internal TeamUpdate BoundFilters()
        {
            var update = new TeamUpdate();
            foreach (var field in TeamFields.Filters)
            {
                if (MyInvocation.BoundParameters.TryGetValue(field.ParameterName, out var value))
                {
                    field.SetValue(update, ModelValue(field.Kind, value));
                }
            }

            return update;
        }

        /// <summary>True when the named parameter was given (so that null means "leave as is").</summary>
        internal bool IsBound(string parameterName) => MyInvocation.BoundParameters.ContainsKey(parameterName);

        /// <summary>A bound list parameter as the model holds it; null (-AwsService $null) is empty, like @().</summary>
        private static object ModelValue(TeamFieldKind kind, object? value) => kind switch
        {
            TeamFieldKind.IntegerList => ((int[]?)value ?? Array.Empty<int>()).ToList(),
            TeamFieldKind.MapList => ((IDictionary[]?)value ?? Array.Empty<IDictionary>()).Select(map => PSValues.TextMap(map, StringComparer.Ordinal)).ToList(),
            _ => ((string[]?)value ?? Array.Empty<string>()).ToList(),
        };
    }
}
