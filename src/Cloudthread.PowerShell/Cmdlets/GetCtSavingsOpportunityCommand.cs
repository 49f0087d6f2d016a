using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using Cloudthread.Client.Models;
using Cloudthread.PowerShell.Completers;
using Cloudthread.PowerShell.Infrastructure;

namespace Cloudthread.PowerShell.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Gets savings opportunities; every filter is optional and they combine with AND.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CtSavingsOpportunity", HelpUri = HelpLinks.Base + "Get-CtSavingsOpportunity.md")]
    [OutputType(typeof(SavingsOpportunity))]
    public sealed class GetCtSavingsOpportunityCommand : CloudthreadCmdlet
    {
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? OpportunityTypeId { get; set; }

        /// <summary>Open, Assigned, In Progress, Validation, Done, Dismissed...</summary>
        [Parameter(Position = 0)]
        [ArgumentCompleter(typeof(OpportunityStatusCompleter))]
        public string? Status { get; set; }

        /// <summary>Only opportunities with (or, with -CodeAutomation:$false, without) code automation.</summary>
        [Parameter]
        public SwitchParameter CodeAutomation { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public long? ThreadId { get; set; }

        /// <summary>Cloud account id.</summary>
        [Parameter]
        [Alias("AccountId")]
        public string? Account { get; set; }

        [Parameter]
        public string? Region { get; set; }

        [Parameter]
        public string? Service { get; set; }

        /// <summary>Resource tags, as a hashtable (@{ env = 'prod'; team = 'data' }: both must match).</summary>
        [Parameter]
        public IDictionary? Tag { get; set; }

        [Parameter]
        public string? Category { get; set; }

        /// <summary>Id of the resource the opportunity is about.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? RecordId { get; set; }

        /// <summary>Cloudthread, AWS Compute Optimizer, AWS Trusted Advisor...</summary>
        [Parameter]
        [ArgumentCompleter(typeof(OpportunitySourceCompleter))]
        public string? Source { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? GithubPrKey { get; set; }

        [Parameter]
        public long? SecondaryId { get; set; }

        /// <summary>Last detected on or after this date.</summary>
        [Parameter]
        public DateTime? LastDetectedStart { get; set; }

        /// <summary>Last detected on or before this date.</summary>
        [Parameter]
        public DateTime? LastDetectedEnd { get; set; }

        /// <summary>Status changed on or after this date.</summary>
        [Parameter]
        public DateTime? StatusUpdatedStart { get; set; }

        /// <summary>Status changed on or before this date.</summary>
        [Parameter]
        public DateTime? StatusUpdatedEnd { get; set; }

        /// <summary>A filter: only opportunities with details (-Details:$false: only those without).</summary>
        [Parameter]
        public SwitchParameter Details { get; set; }

        /// <summary>1 (highest) to 3.</summary>
        [Parameter]
        [ValidateRange(1, 3)]
        public int? Priority { get; set; }

        protected override void ProcessRecord()
        {
            var bound = MyInvocation.BoundParameters;
            var query = new SavingsOpportunityQuery
            {
                OpportunityTypeId = OpportunityTypeId,
                Status = Status,
                CodeAutomation = bound.ContainsKey(nameof(CodeAutomation)) ? CodeAutomation.IsPresent : (bool?)null,
                ThreadId = ThreadId,
                Account = Account,
                Region = Region,
                Service = Service,
                Tags = ToTags(Tag),
                Category = Category,
                RecordId = RecordId,
                Source = Source,
                GithubPrKey = GithubPrKey,
                SecondaryId = SecondaryId,
                LastDetectedStartDate = LastDetectedStart,
                LastDetectedEndDate = LastDetectedEnd,
                StatusUpdatedStartDate = StatusUpdatedStart,
                StatusUpdatedEndDate = StatusUpdatedEnd,
                Details = bound.ContainsKey(nameof(Details)) ? Details.IsPresent : (bool?)null,
                Priority = Priority,
            };
            if (CallClientOrWriteError(query, token => Client.GetSavingsOpportunitiesAsync(query, token)) is { } opportunities)
            {
                WriteObject(opportunities, enumerateCollection: true);
            }
        }

        private static List<Tag>? ToTags(IDictionary? tags)
        {
            if (tags is null)
            {
                return null;
            }

            var list = new List<Tag>();
            foreach (DictionaryEntry entry in tags)
            {
                list.Add(new Tag
                {
                    Key = PSValues.Text(entry.Key),
                    Value = PSValues.Text(entry.Value),
                });
            }

            return list;
        }
    }
}
