namespace Cloudthread.Client.Models
{
    /// <summary>What is wrong with a rejected input item, for callers that act on the kind of problem rather than its text.</summary>
    public enum CustomDataRejectionCode
    {
        /// <summary>The input item is null.</summary>
        NullInput,

        /// <summary>A CSV record that cannot be split into the header's columns (broken quoting, more fields than the header).</summary>
        MalformedCsvRecord,

        /// <summary>The item's columns or properties cannot give a point (a required one is missing, two name one part...).</summary>
        UnusableColumns,

        /// <summary>The timestamp is missing, not a timestamp, or not on the hour.</summary>
        InvalidTimestamp,

        /// <summary>The metric name is empty.</summary>
        InvalidMetricName,

        /// <summary>The metric value is missing, not a number, or not finite.</summary>
        InvalidMetricValue,

        /// <summary>The aggregation function is not Sum, Average, Maximum or Minimum.</summary>
        InvalidAggregation,

        /// <summary>A dimension has no name or no value, the dimensions are not a dictionary, or there are too many.</summary>
        InvalidDimensions,

        /// <summary>Neither the item nor the ingestion has a data stream token.</summary>
        MissingDataStreamToken,
    }
}
