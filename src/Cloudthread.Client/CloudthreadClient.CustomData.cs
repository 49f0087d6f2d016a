using System;
using System.Buffers;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Cloudthread.Client.Ingestion;
using Cloudthread.Client.Models;

namespace Cloudthread.Client
{
    /// <summary>Custom-data ingestion: one request (<see cref="IngestAsync"/>) or a stream of any size (<see cref="StartCustomDataIngestion"/>).</summary>
    public sealed partial class CloudthreadClient
    {
        /// <summary>
        /// Sends the points as one POST /streams/ingest request (validated first; retried as idempotent, since
        /// ingest is an upsert). Points that name another token or aggregation function are refused: use
        /// <see cref="StartCustomDataIngestion"/> for mixed or large input.
        /// </summary>
        /// <exception cref="CloudthreadValidationException">A point is invalid (each problem named <c>data[i].field</c>); nothing was sent.</exception>
        /// <exception cref="CloudthreadApiException">The server refused the request.</exception>
        public async Task IngestAsync(string dataStreamToken, AggregationFunction aggregationFunction, IReadOnlyList<CustomDataPoint> points, CancellationToken cancellationToken = default)
        {
            if (points is null)
            {
                throw new ArgumentNullException(nameof(points));
            }

            var issues = new List<ValidationIssue>();
            if (string.IsNullOrEmpty(dataStreamToken))
            {
                issues.Add(new ValidationIssue("data_stream_token", "is required"));
            }

            if (points.Count == 0)
            {
                issues.Add(new ValidationIssue("data", "must hold at least one point"));
            }

            issues.AddRange(CustomDataPointValidator.ValidateAll(points));
            for (var i = 0; i < points.Count; i++)
            {
                var point = points[i];
                if (point?.AggregationFunction is { } function && function != aggregationFunction)
                {
                    issues.Add(new ValidationIssue("data[" + i + "].AggregationFunction", "is " + function + " but the request's is " + aggregationFunction, i));
                }

                if (point?.DataStreamToken is { } token && !string.Equals(token, dataStreamToken, StringComparison.Ordinal))
                {
                    issues.Add(new ValidationIssue("data[" + i + "].DataStreamToken", "differs from the request's token", i));
                }
            }

            if (issues.Count > 0)
            {
                throw new CloudthreadValidationException(issues);
            }

            var group = new CustomDataGroup(dataStreamToken, aggregationFunction);
            var batch = new CustomDataBatch(group, 4096, ArrayPool<byte>.Shared);
            try
            {
                using (var writer = new CustomDataPointWriter(Options.TimestampFormat))
                {
                    foreach (var point in points)
                    {
                        batch.Append(writer.Write(point));
                    }
                }

                batch.Seal();
                await new TransportBatchSender(Transport).SendAsync(batch.Body, gzip: false, dataStreamToken, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                batch.Release();
            }
        }

        /// <summary>
        /// Starts a streaming ingestion over this connection: add points (or rows, or a CSV file), drain its
        /// reports, then <see cref="CustomDataIngestion.Complete"/>. Dispose it in every case.
        /// </summary>
        public CustomDataIngestion StartCustomDataIngestion(CustomDataIngestOptions options) =>
            new CustomDataIngestion(new TransportBatchSender(Transport), options, Options.TimestampFormat);
    }
}
