using System;
using Cloudthread.Client.Models;

namespace Cloudthread.Client.Ingestion
{
    /// <summary>
    /// How an ingestion batches and sends. Cloudthread publishes no request limits; the defaults follow the
    /// closest published precedent, AWS CloudWatch PutMetricData (at most 1000 metric items and 1 MB of body
    /// per request, gzip optional), which keeps each request far below the emulator's 16 MiB body limit and
    /// common gateway limits (see docs/performance.md).
    /// </summary>
    public sealed class CustomDataIngestOptions
    {
        public const int DefaultMaxPointsPerRequest = 1000;
        public const int DefaultMaxBytesPerRequest = 1024 * 1024;
        public const int DefaultMaxConcurrentRequests = 4;

        /// <summary>The smallest <see cref="MaxBytesPerRequest"/> allowed: room for the body's envelope and an ordinary point.</summary>
        public const int SmallestMaxBytesPerRequest = 1024;

        /// <summary>The largest <see cref="MaxConcurrentRequests"/> allowed: more requests in flight than this only crowd the server.</summary>
        public const int LargestMaxConcurrentRequests = 64;

        /// <summary>Token for points that carry none. Never logged or shown.</summary>
        public string? DataStreamToken { get; set; }

        /// <summary>Aggregation function for points that carry none.</summary>
        public AggregationFunction AggregationFunction { get; set; } = AggregationFunction.Sum;

        /// <summary>Points per request, at most.</summary>
        public int MaxPointsPerRequest { get; set; } = DefaultMaxPointsPerRequest;

        /// <summary>
        /// JSON bytes per request (before gzip), at most. A single point larger than this is sent alone, since the
        /// limit is ours, not the server's: the server decides (and a refusal is reported with the point).
        /// </summary>
        public int MaxBytesPerRequest { get; set; } = DefaultMaxBytesPerRequest;

        /// <summary>Requests in flight at once; when all are busy, adding blocks (backpressure).</summary>
        public int MaxConcurrentRequests { get; set; } = DefaultMaxConcurrentRequests;

        /// <summary>Send bodies gzip-compressed (Content-Encoding: gzip). Off by default: the published API does not document it.</summary>
        public bool Compress { get; set; }

        /// <summary>Report every request (Send-CtCustomData -PassThru), not only failed and cancelled ones.</summary>
        public bool ReportAllRequests { get; set; }

        /// <summary>Report each rejected input item through <see cref="CustomDataIngestion.TryTakeRejection"/>; when off they are only counted.</summary>
        public bool ReportRejections { get; set; } = true;

        /// <summary>Form requests but send none: each is reported as planned, with its points (-WhatIf).</summary>
        public bool DryRun { get; set; }

        internal void Validate()
        {
            if (MaxPointsPerRequest < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(MaxPointsPerRequest), MaxPointsPerRequest, "must be at least 1");
            }

            if (MaxBytesPerRequest < SmallestMaxBytesPerRequest)
            {
                throw new ArgumentOutOfRangeException(nameof(MaxBytesPerRequest), MaxBytesPerRequest, "must be at least " + SmallestMaxBytesPerRequest);
            }

            if (MaxConcurrentRequests < 1 || MaxConcurrentRequests > LargestMaxConcurrentRequests)
            {
                throw new ArgumentOutOfRangeException(nameof(MaxConcurrentRequests), MaxConcurrentRequests, "must be between 1 and " + LargestMaxConcurrentRequests);
            }

            if (AggregationFunction < AggregationFunction.Sum || AggregationFunction > AggregationFunction.Minimum)
            {
                throw new ArgumentOutOfRangeException(nameof(AggregationFunction));
            }
        }

        internal CustomDataIngestOptions Clone() => (CustomDataIngestOptions)MemberwiseClone();
    }
}
