namespace Cloudthread.Client.Models
{
    /// <summary>metric_agg_func: one per ingest request (CONTRACT.md); mixed input is grouped, never rejected.</summary>
    public enum AggregationFunction { Sum, Average, Maximum, Minimum }
}
