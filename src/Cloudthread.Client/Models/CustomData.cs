using System;
using System.Collections.Generic;
using System.Globalization;
using Cloudthread.Client.Ingestion;

namespace Cloudthread.Client.Models
{
    /// <summary>metric_agg_func: one per ingest request (CONTRACT.md); mixed input is grouped, never rejected.</summary>
    public enum AggregationFunction { Sum, Average, Maximum, Minimum }

    /// <summary>
    /// One custom-data point (an item of <c>data</c> in POST /streams/ingest). The aggregation function and
    /// data stream token are optional per point: when null, the ingestion's defaults apply, and points are
    /// grouped into requests by (token, aggregation function).
    /// </summary>
    public sealed class CustomDataPoint
    {
        /// <summary>Dimensions a point may have, at most (CONTRACT.md).</summary>
        public const int MaxDimensions = 10;

        private Dictionary<string, string>? _dimensions;

        public CustomDataPoint()
        {
        }

        public CustomDataPoint(DateTime timestamp, string metricName, double metricValue)
        {
            Timestamp = timestamp;
            MetricName = metricName;
            MetricValue = metricValue;
        }

        /// <summary>On the hour. A local time is converted to UTC before the check.</summary>
        public DateTime Timestamp { get; set; }

        /// <summary>metric_name: non-empty.</summary>
        public string MetricName { get; set; } = string.Empty;

        /// <summary>metric_value: finite (NaN and infinities are rejected).</summary>
        public double MetricValue { get; set; }

        /// <summary>custom_dimensions: at most <see cref="MaxDimensions"/> pairs, non-empty keys. Created on first use.</summary>
        public IDictionary<string, string> Dimensions => _dimensions ??= new Dictionary<string, string>(StringComparer.Ordinal);

        /// <summary>Null: the ingestion's default aggregation function.</summary>
        public AggregationFunction? AggregationFunction { get; set; }

        /// <summary>Null: the ingestion's default token. A secret: never shown by <see cref="ToString"/>.</summary>
        public string? DataStreamToken { get; set; }

        /// <summary>The concrete dictionary (struct enumerator for the serializer), or null when no dimension was set.</summary>
        internal Dictionary<string, string>? DimensionsOrNull => _dimensions;

        internal void SetDimensions(Dictionary<string, string>? dimensions) => _dimensions = dimensions;

        public override string ToString() =>
            MetricName + "@" + Timestamp.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + "=" + MetricValue.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>How one ingest request ended.</summary>
    public enum CustomDataRequestStatus
    {
        /// <summary>The server stored the points (2xx).</summary>
        Sent,
        /// <summary>
        /// Failed after retries. Not stored when the server's answer proves it (a 4xx, a 503, a refused connection);
        /// otherwise (a dropped connection, a timeout, another 5xx) the points may or may not have been stored:
        /// see <see cref="CustomDataRequestResult.MayHaveBeenStored"/>. Resending is safe (ingest is an upsert).
        /// </summary>
        Failed,
        /// <summary>
        /// Stopped: never sent (<see cref="CustomDataRequestResult.MayHaveBeenStored"/> false), or cancelled in flight,
        /// when the points may or may not have been stored (ingest is an upsert, resending is safe).
        /// </summary>
        Cancelled,
        /// <summary>Not sent because the ingestion runs as a dry run (-WhatIf).</summary>
        Planned,
    }

    /// <summary>One ingest request: what it carried and how it ended (Send-CtCustomData -PassThru writes one per request).</summary>
    public sealed class CustomDataRequestResult
    {
        internal CustomDataRequestResult(
            long sequence,
            AggregationFunction aggregationFunction,
            int pointCount,
            int bodyBytes,
            CustomDataRequestStatus status,
            int? statusCode,
            TimeSpan elapsed,
            CloudthreadException? error,
            IReadOnlyList<CustomDataPoint> points)
        {
            Sequence = sequence;
            AggregationFunction = aggregationFunction;
            PointCount = pointCount;
            BodyBytes = bodyBytes;
            Status = status;
            StatusCode = statusCode;
            Elapsed = elapsed;
            Error = error;
            Points = points;
        }

        /// <summary>1-based request number, in the order requests were formed.</summary>
        public long Sequence { get; }
        public AggregationFunction AggregationFunction { get; }
        public int PointCount { get; }
        /// <summary>Size of the JSON body (before any gzip).</summary>
        public int BodyBytes { get; }
        public CustomDataRequestStatus Status { get; }
        /// <summary>HTTP status of the final attempt, when there was an answer.</summary>
        public int? StatusCode { get; }
        public TimeSpan Elapsed { get; }
        /// <summary>Why the request failed, for <see cref="CustomDataRequestStatus.Failed"/>.</summary>
        public CloudthreadException? Error { get; }

        /// <summary>HTTP attempts made (1 when the first succeeded; 0 when the request was never sent).</summary>
        public int Attempts { get; internal set; } = 1;

        /// <summary>Why each retry was made, in order (e.g. <c>throttled (429)</c>, <c>network failure (...)</c>); empty without retries.</summary>
        public IReadOnlyList<string> RetryReasons { get; internal set; } = Array.Empty<string>();

        /// <summary>
        /// True when the server stored the points or may have (sent; failed or cancelled without proof either way);
        /// false only when they certainly were not stored (never sent, or an answer that proves it). For events a
        /// resend of a "may" duplicates; for custom data it is safe (an upsert).
        /// </summary>
        public bool MayHaveBeenStored { get; internal set; }

        /// <summary>
        /// The points of the request: always kept for failed, cancelled and planned requests (nothing is silently
        /// lost); empty for sent requests unless the ingestion keeps them.
        /// </summary>
        public IReadOnlyList<CustomDataPoint> Points { get; }

        /// <summary>One line naming what the request carries: count, aggregation, metrics, time range.</summary>
        public string Describe()
        {
            var description = PointCount.ToString(CultureInfo.InvariantCulture) + " point(s) aggregated by " + AggregationFunction;
            if (Points.Count == 0)
            {
                return description;
            }

            var metrics = new List<string>();
            var first = DateTime.MaxValue;
            var last = DateTime.MinValue;
            foreach (var point in Points)
            {
                if (metrics.Count < 5 && !metrics.Contains(point.MetricName))
                {
                    metrics.Add(point.MetricName);
                }

                var utc = point.Timestamp.Kind == DateTimeKind.Local ? point.Timestamp.ToUniversalTime() : point.Timestamp;
                first = utc < first ? utc : first;
                last = utc > last ? utc : last;
            }

            return description + " (metrics " + string.Join(", ", metrics) + (metrics.Count == 5 ? ", ..." : string.Empty) +
                "; " + CloudthreadTimestamp.Format(first, TimestampFormat.Rfc3339) + " to " + CloudthreadTimestamp.Format(last, TimestampFormat.Rfc3339) + ")";
        }

        public override string ToString() => "Request " + Sequence.ToString(CultureInfo.InvariantCulture) + ": " + Status + ", " + Describe();
    }

    /// <summary>The outcome of a whole ingestion (Send-CtCustomData writes it at the end with -PassThru).</summary>
    public sealed class IngestSummary
    {
        // The counts of a finished ingestion: no request is in flight and nothing can be added, so they no longer change.
        private readonly IngestCounters _final;

        internal IngestSummary(IngestCounters final, bool cancelled, bool dryRun)
        {
            _final = final;
            Cancelled = cancelled;
            DryRun = dryRun;
        }

        /// <summary>Valid points taken from the input.</summary>
        public long Accepted => _final.Accepted;
        /// <summary>Points the server confirmed.</summary>
        public long Sent => _final.Sent;
        /// <summary>Invalid input items, reported one by one and skipped.</summary>
        public long Rejected => _final.Rejected;
        /// <summary>Points of requests that failed after retries (reported with their points).</summary>
        public long Failed => _final.Failed;
        /// <summary>Valid points never confirmed because the ingestion was cancelled (or was a dry run).</summary>
        public long NotSent => _final.NotSent;

        /// <summary>
        /// Points not confirmed that the server may nevertheless have stored: of requests cancelled in flight, or failed
        /// without an answer that proves they were not stored (a dropped connection, a timeout, a 5xx other than 503).
        /// </summary>
        public long MayHaveBeenStored => _final.MayHaveBeenStored;

        /// <summary>Points certainly not stored: never sent (stopped, dry run) or refused by an answer that proves it.</summary>
        public long NotStored => Accepted - Sent - MayHaveBeenStored;
        /// <summary>Requests made (or planned, in a dry run).</summary>
        public long Requests => _final.RequestsFormed;
        public long FailedRequests => _final.FailedRequests;
        public TimeSpan Elapsed => _final.Elapsed;
        /// <summary>Sent points per second over the whole run.</summary>
        public double PointsPerSecond => Elapsed.TotalSeconds > 0 ? Sent / Elapsed.TotalSeconds : 0;
        public bool Cancelled { get; }
        public bool DryRun { get; }

        public override string ToString() => string.Format(
            CultureInfo.InvariantCulture,
            "{0} sent, {1} rejected, {2} failed, {3} not sent, in {4} request(s) ({5} failed){6}{7}",
            Sent, Rejected, Failed, NotSent, Requests, FailedRequests,
            MayHaveBeenStored > 0 ? "; " + MayHaveBeenStored.ToString(CultureInfo.InvariantCulture) + " not confirmed may or may not have been stored" : string.Empty,
            Cancelled ? ", cancelled" : DryRun ? ", dry run" : string.Empty);
    }

    /// <summary>A snapshot of an ingestion in progress.</summary>
    public sealed class IngestProgress
    {
        internal IngestProgress(IngestCounters counts)
        {
            Accepted = counts.Accepted;
            Rejected = counts.Rejected;
            Sent = counts.Sent;
            Failed = counts.Failed;
            Requests = counts.RequestsCompleted;
            RequestsInFlight = counts.RequestsInFlight;
            Elapsed = counts.Elapsed;
            FractionRead = counts.FractionRead;
        }

        public long Accepted { get; }
        public long Rejected { get; }
        public long Sent { get; }
        public long Failed { get; }
        /// <summary>Requests completed.</summary>
        public long Requests { get; }
        public int RequestsInFlight { get; }
        public TimeSpan Elapsed { get; }
        public double PointsPerSecond => Elapsed.TotalSeconds > 0 ? Sent / Elapsed.TotalSeconds : 0;
        /// <summary>For a CSV file, how much of it has been read (0 to 1); null when the input size is unknown.</summary>
        public double? FractionRead { get; }

        public override string ToString() => string.Format(
            CultureInfo.InvariantCulture, "{0:N0} points sent in {1:N0} requests ({2:N0} points/s), {3} in flight", Sent, Requests, PointsPerSecond, RequestsInFlight);
    }
}
