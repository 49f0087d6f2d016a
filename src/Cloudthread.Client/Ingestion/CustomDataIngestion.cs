using System;
using System.Buffers;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Cloudthread.Client.Models;

namespace Cloudthread.Client.Ingestion
{
    /// <summary>
    /// Streams custom-data points to POST /streams/ingest: validates each point as it comes, serializes it
    /// straight into the body of the request being formed for its (token, aggregation function) group, and
    /// sends full requests with at most <see cref="CustomDataIngestOptions.MaxConcurrentRequests"/> in flight.
    /// Adding blocks while all are busy (backpressure), so memory stays bounded by request size × requests
    /// in flight, whatever the input size.
    /// </summary>
    /// <remarks>
    /// This file holds the public surface and the ingestion's lifetime; the other parts are forming requests
    /// (CustomDataIngestion.Batching.cs), sending them (.Sending.cs), reporting what happened (.Reports.cs) and
    /// reading CSV files (.Csv.cs).
    /// Requests run in the execution context the ingestion was started in (a <see cref="CloudthreadLogScope"/>
    /// begun around the start applies to all of them).
    /// One producer: Add*, Complete and Cancel are called from one thread at a time (a cmdlet's pipeline
    /// thread, or a worker it waits for). Rejected items, request results and progress can be read from any
    /// thread, and are meant to be drained by the producer between adds (a cmdlet writes them from its own thread).
    /// Points keep their order within a group; requests of one group may complete out of order when more
    /// than one is in flight.
    /// </remarks>
    public sealed partial class CustomDataIngestion : IDisposable
    {
        private readonly CustomDataIngestOptions _options;
        private readonly IngestCounters _counters = new IngestCounters();
        private long _nextInputIndex;
        private IngestSummary? _summary;
        private bool _disposed;

        internal CustomDataIngestion(ICustomDataBatchSender sender, CustomDataIngestOptions options, TimestampFormat timestampFormat)
        {
            _sender = sender ?? throw new ArgumentNullException(nameof(sender));
            if (options is null)
            {
                throw new ArgumentNullException(nameof(options));
            }

            options.Validate();
            _options = options.Clone();
            _writer = new CustomDataPointWriter(timestampFormat);
            _slots = new RequestSlots(_options.MaxConcurrentRequests);

            // Bodies are kept for reuse: at most one per request in flight and per open group, each at most the request
            // size. Not the shared pool, whose per-thread caches would keep bodies on every thread that ever completed a
            // request. Ingestions with the default sizes (nearly all) share one pool, so that a session sending again
            // and again (a file at a time, say) does not allocate a fresh set of large arrays each time; any other
            // ingestion has its own, which goes when it does.
            _bodies = _options.MaxBytesPerRequest <= CustomDataIngestOptions.DefaultMaxBytesPerRequest
                && _options.MaxConcurrentRequests <= CustomDataIngestOptions.DefaultMaxConcurrentRequests
                ? DefaultSizeBodies
                : ArrayPool<byte>.Create(_options.MaxBytesPerRequest + 2048, _options.MaxConcurrentRequests + 2);
        }

        /// <summary>
        /// An ingestion that forms requests and reports each as planned (with its points) but sends nothing and
        /// needs no connection (-WhatIf).
        /// </summary>
        public static CustomDataIngestion StartDryRun(CustomDataIngestOptions options, TimestampFormat timestampFormat = TimestampFormat.Rfc3339)
        {
            if (options is null)
            {
                throw new ArgumentNullException(nameof(options));
            }

            var dryRun = options.Clone();
            dryRun.DryRun = true;
            return new CustomDataIngestion(NoSender.Instance, dryRun, timestampFormat);
        }

        /// <summary>Index the next input item will get (items added so far, valid or not).</summary>
        public long NextInputIndex => _nextInputIndex;

        /// <summary>True once <see cref="Complete"/> or <see cref="Cancel"/> has finished.</summary>
        public bool IsFinished => _summary != null;

        /// <summary>True when rejections or request results are waiting to be taken.</summary>
        public bool HasReports => !_rejections.IsEmpty || !_results.IsEmpty;

        /// <summary>
        /// Adds one point: validated (an invalid one is reported and skipped: returns false), then batched.
        /// Blocks while the request it completes waits for a free slot.
        /// </summary>
        /// <exception cref="OperationCanceledException">The token fired while waiting; call <see cref="Cancel"/> to stop cleanly.</exception>
        public bool Add(CustomDataPoint point, CancellationToken cancellationToken = default) => Add(point, point, cancellationToken);

        /// <summary>Adds one point; <paramref name="source"/> is what a rejection reports as the input (the caller's object).</summary>
        [MethodImpl(HotPath.CompileOptimized)]
        public bool Add(CustomDataPoint point, object? source, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return AppendAndSendFull(point, source, NextIndex(), cancellationToken);
        }

        /// <summary>Adds one row of values in the column order of <paramref name="map"/> (a CSV record, an object's properties).</summary>
        [MethodImpl(HotPath.CompileOptimized)]
        public bool AddRow(CustomDataColumnMap map, object?[] values, object? source = null, CancellationToken cancellationToken = default)
        {
            if (map is null)
            {
                throw new ArgumentNullException(nameof(map));
            }

            cancellationToken.ThrowIfCancellationRequested();
            var index = NextIndex();
            return PointFromRow(map, values, source, index) is { } point && AppendAndSendFull(point, source, index, cancellationToken);
        }

        /// <summary>Takes the next rejected input item, if any (reported only with <see cref="CustomDataIngestOptions.ReportRejections"/>).</summary>
        public bool TryTakeRejection(out CustomDataPointRejection rejection) => _rejections.TryDequeue(out rejection!);

        /// <summary>
        /// Takes the next finished request: failed, cancelled and planned ones always, sent ones with
        /// <see cref="CustomDataIngestOptions.ReportAllRequests"/>.
        /// </summary>
        public bool TryTakeRequestResult(out CustomDataRequestResult result) => _results.TryDequeue(out result!);

        public IngestProgress GetProgress() => _counters.Progress();

        /// <summary>
        /// Sends what is left and waits for every request to finish; returns the summary. When the token fires
        /// it stops as <see cref="Cancel"/> does and returns a cancelled summary (it does not throw).
        /// </summary>
        public IngestSummary Complete(CancellationToken cancellationToken = default)
        {
            if (_summary != null)
            {
                return _summary;
            }

            try
            {
                foreach (var group in _groups.Values)
                {
                    if (group.TakeOpen() is { } open)
                    {
                        WaitForSlotAndSend(open, cancellationToken);
                    }
                }

                WaitForAllRequests(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return Cancel();
            }

            return _summary = _counters.Summary(cancelled: false, _options.DryRun);
        }

        /// <summary>
        /// Stops: requests in flight are cancelled, requests not yet sent are dropped; each is reported
        /// (status Cancelled, with its points) and counted as not sent. Waits for in-flight requests to end.
        /// </summary>
        public IngestSummary Cancel()
        {
            if (_summary != null)
            {
                return _summary;
            }

            _stopping.Cancel();
            foreach (var group in _groups.Values)
            {
                if (group.TakeOpen() is { } open)
                {
                    Close(open);
                    ReportNotSent(open);
                }
            }

            WaitForAllRequests(CancellationToken.None);
            return _summary = _counters.Summary(cancelled: true, _options.DryRun);
        }

        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            Cancel();
            _disposed = true;
            _writer.Dispose();
            _slots.Dispose();
            _stopping.Dispose();
        }

        [MethodImpl(HotPath.CompileOptimized)]
        private long NextIndex()
        {
            if (_summary != null)
            {
                throw new InvalidOperationException("The ingestion is finished (completed or cancelled); start a new one.");
            }

            return _nextInputIndex++;
        }

        /// <summary>The sender of a dry run: never called, since a dry run sends nothing.</summary>
        private sealed class NoSender : ICustomDataBatchSender
        {
            public static readonly NoSender Instance = new NoSender();

            public ValueTask<BatchSendOutcome> SendAsync(ReadOnlyMemory<byte> body, bool gzip, string dataStreamToken, CancellationToken cancellationToken) =>
                throw new InvalidOperationException("A dry run sends nothing.");
        }
    }
}
