using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using Cloudthread.Client.Models;

namespace Cloudthread.Client.Ingestion
{
    /// <summary>
    /// Reporting: each rejected item and each finished request is counted and queued for the caller to take, with the
    /// points of every request the server did not confirm (read back from its body), so that nothing is silently lost.
    /// </summary>
    public sealed partial class CustomDataIngestion
    {
        private readonly ConcurrentQueue<CustomDataPointRejection> _rejections = new ConcurrentQueue<CustomDataPointRejection>();
        private readonly ConcurrentQueue<CustomDataRequestResult> _results = new ConcurrentQueue<CustomDataRequestResult>();

        /// <summary>Counts the item as rejected and, when rejections are reported, queues it with its index and input.</summary>
        private void Reject(long index, CustomDataPointRejection rejection, object? source)
        {
            _counters.ItemRejected();
            if (_options.ReportRejections)
            {
                rejection.InputIndex = index;
                // Rows and CSV records are reused buffers: report a snapshot.
                rejection.Input = source switch
                {
                    CsvCursor cursor => cursor.Snapshot(),
                    object?[] values => values.Clone(),
                    _ => source,
                };
                _rejections.Enqueue(rejection);
            }
        }

        private void ReportSent(CustomDataBatch batch, BatchSendOutcome outcome, TimeSpan elapsed)
        {
            _counters.PointsSent(batch.Count);
            if (_options.ReportAllRequests)
            {
                _results.Enqueue(NewResult(
                    batch, CustomDataRequestStatus.Sent, outcome.StatusCode, elapsed, null, Array.Empty<CustomDataPoint>(), outcome.Attempts, outcome.RetryReasons, mayHaveBeenStored: true));
            }
        }

        private void ReportFailed(CustomDataBatch batch, CloudthreadException error, TimeSpan elapsed)
        {
            var api = error as CloudthreadApiException;
            // Without the transport's word (an unexpected exception), the honest answer is "may".
            var uncertain = api?.MayHaveBeenProcessed ?? true;
            _counters.RequestFailed(batch.Count, uncertain);
            _results.Enqueue(NewResult(
                batch, CustomDataRequestStatus.Failed, api?.StatusCode, elapsed, error, ReadPoints(batch), api?.Attempts ?? 1, api?.RetryReasons ?? Array.Empty<string>(), uncertain));
        }

        /// <summary>Cancelled in flight: the server may have stored it before the connection was dropped.</summary>
        private void ReportCancelledInFlight(CustomDataBatch batch, TimeSpan elapsed)
        {
            _counters.PointsNotSent(batch.Count, mayHaveBeenStored: true);
            _results.Enqueue(NewResult(batch, CustomDataRequestStatus.Cancelled, null, elapsed, null, ReadPoints(batch), 1, Array.Empty<string>(), mayHaveBeenStored: true));
        }

        /// <summary>A request of a dry run, reported with its points; its body is returned at once.</summary>
        private void ReportPlanned(CustomDataBatch batch)
        {
            _counters.RequestPlanned(batch.Count);
            _results.Enqueue(NewResult(batch, CustomDataRequestStatus.Planned, null, TimeSpan.Zero, null, ReadPoints(batch), 0, Array.Empty<string>(), mayHaveBeenStored: false));
            batch.Release();
        }

        /// <summary>A request stopped before it was sent, reported with its points; its body is returned at once.</summary>
        private void ReportNotSent(CustomDataBatch batch)
        {
            _counters.PointsNotSent(batch.Count, mayHaveBeenStored: false);
            _results.Enqueue(NewResult(batch, CustomDataRequestStatus.Cancelled, null, TimeSpan.Zero, null, ReadPoints(batch), 0, Array.Empty<string>(), mayHaveBeenStored: false));
            batch.Release();
        }

        private IReadOnlyList<CustomDataPoint> ReadPoints(CustomDataBatch batch) => batch.ReadPoints(_options.DataStreamToken);

        private static CustomDataRequestResult NewResult(
            CustomDataBatch batch, CustomDataRequestStatus status, int? statusCode, TimeSpan elapsed, CloudthreadException? error, IReadOnlyList<CustomDataPoint> points,
            int attempts, IReadOnlyList<string> retryReasons, bool mayHaveBeenStored) =>
            new CustomDataRequestResult(batch.Sequence, batch.Group.AggregationFunction, batch.Count, batch.SealedLength, status, statusCode, elapsed, error, points)
            {
                Attempts = attempts,
                RetryReasons = retryReasons,
                MayHaveBeenStored = mayHaveBeenStored,
            };
    }
}
