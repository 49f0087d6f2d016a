using System.Globalization;
using Cloudthread.Client.Ingestion;

namespace Cloudthread.Client.Models
{
    /// <summary>An input item that was not sent because it is invalid. The rest of the input goes on.</summary>
    public sealed class CustomDataPointRejection
    {
        internal CustomDataPointRejection(CustomDataRejectionCode code, string field, string reason)
        {
            Code = code;
            Field = field;
            Reason = reason;
        }

        /// <summary>0-based position of the item in the input (for a CSV file: the data record, header excluded).</summary>
        public long InputIndex { get; internal set; }

        /// <summary>The kind of problem.</summary>
        public CustomDataRejectionCode Code { get; }

        /// <summary>The offending field (<c>MetricValue</c>, <c>Timestamp</c>...), or the column/property name; empty for a whole CSV record.</summary>
        public string Field { get; }

        public string Reason { get; }

        /// <summary>What the caller gave for this item (a point, a row, a PowerShell object), for error reporting.</summary>
        public object? Input { get; internal set; }

        /// <summary>Where and what: "usage.csv, line 3: metric_value is required", or "Input item 2: ..." (counted from 1).</summary>
        public override string ToString()
        {
            var where = Input is CsvRecordSource record
                ? record.Location
                : "Input item " + (InputIndex + 1).ToString(CultureInfo.InvariantCulture);
            return where + ": " + (Field.Length == 0 ? Reason : Field + " " + Reason);
        }
    }
}
