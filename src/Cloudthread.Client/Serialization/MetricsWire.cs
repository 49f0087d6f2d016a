using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace Cloudthread.Client.Serialization
{
    /// <summary>GET /cost/metric/{id} and GET /unit/metric/{id} answers: the rows wrapped in {"data": [...]}.</summary>
    internal sealed class MetricDataWire<TPoint>
    {
        public List<TPoint>? Data { get; set; }
    }

    /// <summary>One row of GET /cost/metric/{id}.</summary>
    internal sealed class CostViewPointWire
    {
        public double? CurrentTimeframeCost { get; set; }
        public double? PreviousTimeframeCost { get; set; }
        public double? PopDiff { get; set; }
        public double? PopChange { get; set; }
        /// <summary>YYYYMMDD, or YYYYMMDDHH at hour granularity.</summary>
        public string? Date { get; set; }
    }

    /// <summary>One row of GET /unit/metric/{id}.</summary>
    internal sealed class UnitMetricPointWire
    {
        public double? CurrentTimeframeDenominator { get; set; }
        public double? CurrentTimeframeNumerator { get; set; }
        public double? CurrentTimeframeUnitMetric { get; set; }
        public double? PreviousTimeframeDenominator { get; set; }
        public double? PreviousTimeframeNumerator { get; set; }
        public double? PreviousTimeframeUnitMetric { get; set; }
        public double? PopDiff { get; set; }
        public double? PopChange { get; set; }

        [JsonPropertyName("d_agg_func")]
        public string? DAggFunc { get; set; }

        [JsonPropertyName("n_agg_func")]
        public string? NAggFunc { get; set; }

        public string? Date { get; set; }
    }
}
