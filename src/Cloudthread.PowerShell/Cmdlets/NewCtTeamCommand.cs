using System.Management.Automation;
using Cloudthread.Client;
using Cloudthread.Client.Models;
using Cloudthread.PowerShell.Infrastructure;

namespace Cloudthread.PowerShell.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Creates a team with its data filters.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.New, "CtTeam", HelpUri = HelpLinks.Base + "New-CtTeam.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Team))]
    public sealed class NewCtTeamCommand : TeamFieldsCmdlet
    {
        /// <summary>The new team's id (unique).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("TeamId")]
        [ValidateNotNullOrEmpty]
        public string Id { get; set; } = string.Empty;

        /// <summary>The team's display name.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = string.Empty;

        /// <summary>A Slack channel the organization knows (#finops).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? SlackChannel { get; set; }

        protected override void ProcessRecord()
        {
            var team = new Team
            {
                Id = Id,
                Name = Name,
                SlackChannel = string.IsNullOrWhiteSpace(SlackChannel) ? null : SlackChannel,
                AwsAccountIds = ListOf(nameof(AwsAccountId), AwsAccountId),
                AwsBillPayerAccountIds = ListOf(nameof(AwsBillPayerAccountId), AwsBillPayerAccountId),
                AwsRegionNames = ListOf(nameof(AwsRegionName), AwsRegionName),
                AwsServices = ListOf(nameof(AwsService), AwsService),
                AwsTags = ListOf(nameof(AwsTag), AwsTag),
                AwsAccountTags = ListOf(nameof(AwsAccountTag), AwsAccountTag),
                GcpProjectNames = ListOf(nameof(GcpProjectName), GcpProjectName),
                GcpBillingAccountIds = ListOf(nameof(GcpBillingAccountId), GcpBillingAccountId),
                GcpSkuIds = ListOf(nameof(GcpSkuId), GcpSkuId),
                GcpLocations = ListOf(nameof(GcpLocation), GcpLocation),
                GcpServices = ListOf(nameof(GcpService), GcpService),
                GcpLabels = ListOf(nameof(GcpLabel), GcpLabel),
                CustomStreamTokens = ListOf(nameof(CustomStreamToken), CustomStreamToken),
                CustomMetricNames = ListOf(nameof(CustomMetricName), CustomMetricName),
                CustomDimensions = ListOf(nameof(CustomDimension), CustomDimension),
                OpportunityPriorities = ListOf(nameof(OpportunityPriority), OpportunityPriority),
            };
            if (!ShouldProcess("Team '" + Id + "' (" + Name + ")", "Create team"))
            {
                return;
            }

            try
            {
                var created = Run(token => Client.CreateTeamAsync(team, token));
                Connection?.RememberTeamIds(null);
                WriteObject(created);
            }
            catch (CloudthreadException ex)
            {
                WriteClientError(ex, team);
            }
        }
    }
}
