using System;
using System.Management.Automation;
using Cloudthread.Client;
using Cloudthread.Client.Models;
using Cloudthread.PowerShell.Completers;
using Cloudthread.PowerShell.Infrastructure;

namespace Cloudthread.PowerShell.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Gets the data of a cost view or a unit metric: one object per period, its date as a DateTime.</para>
    /// <para type="description">-Start and -End are calendar dates; -End is inclusive. Default: the last 30 days up to today.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CtMetric", HelpUri = HelpLinks.Base + "Get-CtMetric.md", DefaultParameterSetName = CostViewSet)]
    [OutputType(typeof(CostViewDataPoint), ParameterSetName = new[] { CostViewSet })]
    [OutputType(typeof(UnitMetricDataPoint), ParameterSetName = new[] { UnitMetricSet })]
    public sealed class GetCtMetricCommand : CloudthreadCmdlet
    {
        private const string CostViewSet = "CostView";
        private const string UnitMetricSet = "UnitMetric";
        private const string Activity = "Getting metric data";

        /// <summary>The cost view id (GET /cost/metric/{id}).</summary>
        [Parameter(ParameterSetName = CostViewSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(MetricIdCompleter))]
        public string[] CostViewId { get; set; } = Array.Empty<string>();

        /// <summary>The unit metric id (GET /unit/metric/{id}).</summary>
        [Parameter(ParameterSetName = UnitMetricSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(MetricIdCompleter))]
        public string[] UnitMetricId { get; set; } = Array.Empty<string>();

        /// <summary>First day (only the date counts). Default: 30 days before -End.</summary>
        [Parameter]
        [Alias("StartDate")]
        public DateTime Start { get; set; }

        /// <summary>Last day, inclusive (only the date counts). Default: today.</summary>
        [Parameter]
        [Alias("EndDate")]
        public DateTime End { get; set; }

        /// <summary>Period of each data point. Default: Day.</summary>
        [Parameter]
        public MetricGranularity Granularity { get; set; } = MetricGranularity.Day;

        /// <summary>A cost type name (Unblended, Amortized...) or an integer cost column id.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(CostTypeCompleter))]
        public string? CostType { get; set; }

        /// <summary>Amortize up-front payments (-Amortization:$false sends false explicitly).</summary>
        [Parameter]
        public SwitchParameter Amortization { get; set; }

        /// <summary>Payment types to exclude.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? Exclude { get; set; }

        protected override string? NotFoundErrorId => ErrorIds.MetricNotFound;

        protected override void ProcessRecord()
        {
            var query = BuildQuery();
            var unit = ParameterSetName == UnitMetricSet;
            var ids = unit ? UnitMetricId : CostViewId;
            var index = 0;
            foreach (var id in ids)
            {
                WriteItemProgress(Activity, (unit ? "Unit metric '" : "Cost view '") + id + "'", index++, ids.Length);
                try
                {
                    if (unit)
                    {
                        var points = CallClient(token => Client.GetUnitMetricDataAsync(id, query, token));
                        Connection?.RememberUnitMetricId(id);
                        WriteObject(points, enumerateCollection: true);
                    }
                    else
                    {
                        var points = CallClient(token => Client.GetCostViewDataAsync(id, query, token));
                        Connection?.RememberCostViewId(id);
                        WriteObject(points, enumerateCollection: true);
                    }
                }
                catch (CloudthreadException ex)
                {
                    WriteClientError(ex, id);
                }
            }

            CompleteItemProgress(Activity, ids.Length);
        }

        private MetricQuery BuildQuery()
        {
            var bound = MyInvocation.BoundParameters;
            var query = MetricQuery.ForDates(
                bound.ContainsKey(nameof(Start)) ? Start : (DateTime?)null,
                bound.ContainsKey(nameof(End)) ? End : (DateTime?)null,
                DateTime.Today);
            query.Granularity = Granularity;
            query.CostType = string.IsNullOrWhiteSpace(CostType) ? null : CostType;
            query.Amortization = bound.ContainsKey(nameof(Amortization)) ? Amortization.IsPresent : (bool?)null;
            query.Exclude = Exclude;
            return query;
        }
    }
}
