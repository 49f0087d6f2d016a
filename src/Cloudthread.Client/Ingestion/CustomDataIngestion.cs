using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
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
    /// Requests run in the execution context the ingestion was started in (a <see cref="CloudthreadLogScope"/>
    /// begun around the start applies to all of them).
    /// One producer: Add*, Complete and Cancel are called from one thread at a time (a cmdlet's pipeline
    /// thread). Rejected items, request results and progress can be read from any thread, and are meant to
    /// be drained by the producer between adds (a cmdlet writes them from its own thread).
    /// Points keep their order within a group; requests of one group may complete out of order when more
    /// than one is in flight.
    /// </remarks>
    public sealed partial class CustomDataIngestion : IDisposable
    {
        private readonly ICustomDataBatchSender _sender;
        private readonly CustomDataIngestOptions _options;
        private readonly CustomDataPointWriter _writer;
        private readonly SemaphoreSlim _slots;
        private readonly ArrayPool<byte> _bodies;
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private readonly Dictionary<(string Token, AggregationFunction Function), CustomDataGroup> _groups = new Dictionary<(string, AggregationFunction), CustomDataGroup>();
        private readonly ConcurrentQueue<CustomDataPointRejection> _rejections = new ConcurrentQueue<CustomDataPointRejection>();
        private readonly ConcurrentQueue<CustomDataRequestResult> _results = new ConcurrentQueue<CustomDataRequestResult>();
        private readonly Stopwatch _stopwatch = Stopwatch.StartNew();

        // Where the ingestion was started (its log scope, for one): every request runs there, whichever thread adds the point that fills it.
        private readonly ExecutionContext? _startContext = ExecutionContext.Capture();

        // One point and one dimension dictionary for every row: a row's point is serialized as soon as it is made and
        // never kept (reported requests read their points back from the body), so rows allocate nothing.
        private readonly CustomDataPoint _rowPoint = new CustomDataPoint();
        private readonly Dictionary<string, string> _rowDimensions = new Dictionary<string, string>(StringComparer.Ordinal);

        private CustomDataGroup? _lastGroup;
        private long _nextInputIndex;
        private long _accepted;
        private long _rejected;
        private long _sent;
        private long _failed;
        private long _notSent;
        private long _mayHaveBeenStored;
        private long _requestsFormed;
        private long _requestsCompleted;
        private long _failedRequests;
        private int _inFlight;
        private double _fractionRead = double.NaN;
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
            _slots = new SemaphoreSlim(_options.MaxConcurrentRequests, _options.MaxConcurrentRequests);

            // The ingestion's own bodies, kept for reuse: at most one per request in flight and per open group, each at
            // most the request size. Not the shared pool, whose per-thread caches would keep bodies on every thread that
            // ever completed a request; these go when the ingestion does.
            _bodies = ArrayPool<byte>.Create(_options.MaxBytesPerRequest + 2048, _options.MaxConcurrentRequests + 2);
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

        /// <summary>
        /// Adds one point: validated (an invalid one is reported and skipped: returns false), then batched.
        /// Blocks while the request it completes waits for a free slot.
        /// </summary>
        /// <exception cref="OperationCanceledException">The token fired while waiting; call <see cref="Cancel"/> to stop cleanly.</exception>
        public bool Add(CustomDataPoint point, CancellationToken cancellationToken = default) => Add(point, point, cancellationToken);

        /// <summary>Adds one point; <paramref name="source"/> is what a rejection reports as the input (the caller's object).</summary>
        public bool Add(CustomDataPoint point, object? source, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var index = NextIndex();
            var full = Stage(point, source, index, out var group);
            if (group is null)
            {
                return false;
            }

            DispatchAll(full, group, cancellationToken);
            return true;
        }

        /// <summary>Adds one row of values in the column order of <paramref name="map"/> (a CSV record, an object's properties).</summary>
        public bool AddRow(CustomDataColumnMap map, object?[] values, object? source = null, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var index = NextIndex();
            var point = Convert(map, values, source, index);
            if (point is null)
            {
                return false;
            }

            var full = Stage(point, source, index, out var group);
            if (group is null)
            {
                return false;
            }

            DispatchAll(full, group, cancellationToken);
            return true;
        }

        /// <summary>The asynchronous <see cref="Add(CustomDataPoint, object, CancellationToken)"/>: waits for a slot without blocking a thread.</summary>
        public async ValueTask<bool> AddAsync(CustomDataPoint point, object? source = null, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var index = NextIndex();
            var full = Stage(point, source ?? point, index, out var group);
            if (group is null)
            {
                return false;
            }

            await DispatchAllAsync(full, group, cancellationToken).ConfigureAwait(false);
            return true;
        }

        /// <summary>The asynchronous <see cref="AddRow"/>.</summary>
        public async ValueTask<bool> AddRowAsync(CustomDataColumnMap map, object?[] values, object? source = null, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var index = NextIndex();
            var point = Convert(map, values, source, index);
            if (point is null)
            {
                return false;
            }

            var full = Stage(point, source, index, out var group);
            if (group is null)
            {
                return false;
            }

            await DispatchAllAsync(full, group, cancellationToken).ConfigureAwait(false);
            return true;
        }

        /// <summary>Takes the next rejected input item, if any (reported only with <see cref="CustomDataIngestOptions.ReportRejections"/>).</summary>
        public bool TryTakeRejection(out CustomDataPointRejection rejection) => _rejections.TryDequeue(out rejection!);

        /// <summary>
        /// Takes the next finished request: failed, cancelled and planned ones always, sent ones with
        /// <see cref="CustomDataIngestOptions.ReportAllRequests"/>.
        /// </summary>
        public bool TryTakeRequestResult(out CustomDataRequestResult result) => _results.TryDequeue(out result!);

        /// <summary>True when rejections or request results are waiting to be taken.</summary>
        public bool HasReports => !_rejections.IsEmpty || !_results.IsEmpty;

        public IngestProgress GetProgress()
        {
            var fraction = Volatile.Read(ref _fractionRead);
            return new IngestProgress(
                Interlocked.Read(ref _accepted),
                Interlocked.Read(ref _rejected),
                Interlocked.Read(ref _sent),
                Interlocked.Read(ref _failed),
                Interlocked.Read(ref _requestsCompleted),
                Volatile.Read(ref _inFlight),
                _stopwatch.Elapsed,
                double.IsNaN(fraction) ? null : fraction);
        }

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
                    var open = group.Open;
                    if (open != null)
                    {
                        group.Open = null;
                        Dispatch(open, cancellationToken);
                    }
                }

                WaitForAllRequests(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return Cancel();
            }

            return Finish(cancelled: false);
        }

        /// <summary>The asynchronous <see cref="Complete"/>.</summary>
        public async Task<IngestSummary> CompleteAsync(CancellationToken cancellationToken = default)
        {
            if (_summary != null)
            {
                return _summary;
            }

            try
            {
                foreach (var group in _groups.Values)
                {
                    var open = group.Open;
                    if (open != null)
                    {
                        group.Open = null;
                        await DispatchAsync(open, cancellationToken).ConfigureAwait(false);
                    }
                }

                for (var i = 0; i < _options.MaxConcurrentRequests; i++)
                {
                    await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                }

                _slots.Release(_options.MaxConcurrentRequests);
            }
            catch (OperationCanceledException)
            {
                return Cancel();
            }

            return Finish(cancelled: false);
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
                var open = group.Open;
                if (open != null)
                {
                    group.Open = null;
                    open.Seal();
                    open.Sequence = ++_requestsFormed;
                    ReportNotSent(open);
                }
            }

            WaitForAllRequests(CancellationToken.None);
            return Finish(cancelled: true);
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

        private long NextIndex()
        {
            if (_summary != null)
            {
                throw new InvalidOperationException("The ingestion is finished (completed or cancelled); start a new one.");
            }

            return _nextInputIndex++;
        }

        private CustomDataPoint? Convert(CustomDataColumnMap map, object?[] values, object? source, long index)
        {
            if (map is null)
            {
                throw new ArgumentNullException(nameof(map));
            }

            var reason = map.TryFillPoint(values, _rowPoint, _rowDimensions, out var field);
            if (reason != null)
            {
                Reject(index, field, reason, source ?? values);
                return null;
            }

            return _rowPoint;
        }

        /// <summary>
        /// Validates, serializes and appends the point to its group's open request. Returns the previous open
        /// request when the point did not fit in it (to be sent first); <paramref name="group"/> is null when the
        /// point was rejected.
        /// </summary>
        private CustomDataBatch? Stage(CustomDataPoint point, object? source, long index, out CustomDataGroup? group)
        {
            group = null;
            if (point is null)
            {
                Reject(index, "InputObject", "is null", null);
                return null;
            }

            var reason = CustomDataPointValidator.Validate(point, out var field);
            if (reason != null)
            {
                Reject(index, field, reason, source);
                return null;
            }

            var token = point.DataStreamToken ?? _options.DataStreamToken;
            if (string.IsNullOrEmpty(token))
            {
                if (!_options.DryRun)
                {
                    Reject(index, nameof(CustomDataPoint.DataStreamToken), "is missing: give the point one or give the ingestion a default", source);
                    return null;
                }

                // A dry run sends nothing, so it needs no token: the plan shows these points in a request of their own.
                token = string.Empty;
            }

            group = GetGroup(token!, point.AggregationFunction ?? _options.AggregationFunction);
            var json = _writer.Write(point);

            CustomDataBatch? full = null;
            var open = group.Open;
            if (open != null && open.SealedLengthWith(json.Length) > _options.MaxBytesPerRequest)
            {
                full = open;
                open = null;
            }

            if (open is null)
            {
                var initial = group.LastBodyLength > 0 ? group.LastBodyLength + 1024 : Math.Min(_options.MaxBytesPerRequest, 64 * 1024);
                open = new CustomDataBatch(group, Math.Min(initial, _options.MaxBytesPerRequest + 1024), _bodies);
                group.Open = open;
            }

            open.Append(json);
            Interlocked.Increment(ref _accepted);
            return full;
        }

        private CustomDataGroup GetGroup(string token, AggregationFunction function)
        {
            var last = _lastGroup;
            if (last != null && last.AggregationFunction == function && (ReferenceEquals(last.DataStreamToken, token) || string.Equals(last.DataStreamToken, token, StringComparison.Ordinal)))
            {
                return last;
            }

            if (!_groups.TryGetValue((token, function), out var group))
            {
                group = new CustomDataGroup(token, function);
                _groups.Add((token, function), group);
            }

            _lastGroup = group;
            return group;
        }

        /// <summary>Sends the request the point did not fit in, then the open one if the point filled it.</summary>
        private void DispatchAll(CustomDataBatch? full, CustomDataGroup group, CancellationToken cancellationToken)
        {
            if (full != null)
            {
                Dispatch(full, cancellationToken);
            }

            var open = group.Open;
            if (open != null && IsFull(open))
            {
                group.Open = null;
                Dispatch(open, cancellationToken);
            }
        }

        private async ValueTask DispatchAllAsync(CustomDataBatch? full, CustomDataGroup group, CancellationToken cancellationToken)
        {
            if (full != null)
            {
                await DispatchAsync(full, cancellationToken).ConfigureAwait(false);
            }

            var open = group.Open;
            if (open != null && IsFull(open))
            {
                group.Open = null;
                await DispatchAsync(open, cancellationToken).ConfigureAwait(false);
            }
        }

        private bool IsFull(CustomDataBatch batch) => batch.Count >= _options.MaxPointsPerRequest || batch.SealedLength >= _options.MaxBytesPerRequest;

        private void Dispatch(CustomDataBatch batch, CancellationToken cancellationToken)
        {
            Seal(batch);
            if (_options.DryRun)
            {
                ReportPlanned(batch);
                return;
            }

            try
            {
                if (cancellationToken.CanBeCanceled)
                {
                    using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
                    _slots.Wait(linked.Token);
                }
                else
                {
                    _slots.Wait(_stopping.Token);
                }
            }
            catch (OperationCanceledException)
            {
                ReportNotSent(batch);
                throw;
            }

            Start(batch);
        }

        private async ValueTask DispatchAsync(CustomDataBatch batch, CancellationToken cancellationToken)
        {
            Seal(batch);
            if (_options.DryRun)
            {
                ReportPlanned(batch);
                return;
            }

            try
            {
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
                await _slots.WaitAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                ReportNotSent(batch);
                throw;
            }

            Start(batch);
        }

        private void Seal(CustomDataBatch batch)
        {
            batch.Seal();
            batch.Sequence = ++_requestsFormed;
            batch.Group.LastBodyLength = batch.SealedLength;
        }

        private void Start(CustomDataBatch batch)
        {
            Interlocked.Increment(ref _inFlight);
            if (_startContext is null)
            {
                _ = Task.Run(() => SendAsync(batch));
                return;
            }

            // A copy each time: on .NET Framework a captured context can be run only once.
            ExecutionContext.Run(_startContext.CreateCopy(), state => _ = Task.Run(() => SendAsync((CustomDataBatch)state!)), batch);
        }

        /// <summary>Runs on the thread pool; never throws: every outcome is counted and reported.</summary>
        private async Task SendAsync(CustomDataBatch batch)
        {
            var started = Stopwatch.StartNew();
            var status = CustomDataRequestStatus.Sent;
            int? statusCode = null;
            CloudthreadException? error = null;
            BatchSendOutcome? outcome = null;
            try
            {
                var body = batch.Body;
                if (_options.Compress)
                {
                    body = Gzip(body);
                }

                outcome = await _sender.SendAsync(body, _options.Compress, batch.Group.DataStreamToken, _stopping.Token).ConfigureAwait(false);
                statusCode = outcome.StatusCode;
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                status = CustomDataRequestStatus.Cancelled;
            }
            catch (CloudthreadApiException ex)
            {
                status = CustomDataRequestStatus.Failed;
                statusCode = ex.StatusCode;
                error = ex;
            }
            catch (CloudthreadException ex)
            {
                status = CustomDataRequestStatus.Failed;
                error = ex;
            }
#pragma warning disable CA1031 // A send task must never fault unobserved: anything else is a failed request, reported with its points.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                status = CustomDataRequestStatus.Failed;
                error = new CloudthreadException(ex is OperationCanceledException ? CloudthreadErrorKind.Timeout : CloudthreadErrorKind.Unknown, ex.Message, ex);
            }

            try
            {
                switch (status)
                {
                    case CustomDataRequestStatus.Sent:
                        Interlocked.Add(ref _sent, batch.Count);
                        if (_options.ReportAllRequests)
                        {
                            _results.Enqueue(NewResult(batch, status, statusCode, started.Elapsed, null, Array.Empty<CustomDataPoint>(), outcome!.Attempts, outcome.RetryReasons, mayHaveBeenStored: true));
                        }

                        break;
                    case CustomDataRequestStatus.Failed:
                        var api = error as CloudthreadApiException;
                        // Without the transport's word (an unexpected exception), the honest answer is "may".
                        var uncertain = api?.MayHaveBeenProcessed ?? true;
                        Interlocked.Add(ref _failed, batch.Count);
                        Interlocked.Increment(ref _failedRequests);
                        if (uncertain)
                        {
                            Interlocked.Add(ref _mayHaveBeenStored, batch.Count);
                        }

                        _results.Enqueue(NewResult(
                            batch, status, statusCode, started.Elapsed, error, batch.ReadPoints(_options.DataStreamToken), api?.Attempts ?? 1, api?.RetryReasons ?? Array.Empty<string>(), uncertain));
                        break;
                    default:
                        // Cancelled in flight: the server may have stored it before the connection was dropped.
                        Interlocked.Add(ref _notSent, batch.Count);
                        Interlocked.Add(ref _mayHaveBeenStored, batch.Count);
                        _results.Enqueue(NewResult(batch, status, statusCode, started.Elapsed, null, batch.ReadPoints(_options.DataStreamToken), 1, Array.Empty<string>(), mayHaveBeenStored: true));
                        break;
                }
            }
            finally
            {
                batch.Release();
                Interlocked.Increment(ref _requestsCompleted);
                Interlocked.Decrement(ref _inFlight);
                _slots.Release();
            }
        }

        private static ReadOnlyMemory<byte> Gzip(ReadOnlyMemory<byte> body)
        {
            var output = new MemoryStream(Math.Max(256, body.Length / 4));
            using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
            {
                var segment = System.Runtime.InteropServices.MemoryMarshal.TryGetArray(body, out var array) ? array : new ArraySegment<byte>(body.ToArray());
                gzip.Write(segment.Array!, segment.Offset, segment.Count);
            }

            return new ReadOnlyMemory<byte>(output.GetBuffer(), 0, (int)output.Length);
        }

        private void ReportPlanned(CustomDataBatch batch)
        {
            Interlocked.Add(ref _notSent, batch.Count);
            Interlocked.Increment(ref _requestsCompleted);
            _results.Enqueue(NewResult(batch, CustomDataRequestStatus.Planned, null, TimeSpan.Zero, null, batch.ReadPoints(_options.DataStreamToken), 0, Array.Empty<string>(), false));
            batch.Release();
        }

        private void ReportNotSent(CustomDataBatch batch)
        {
            Interlocked.Add(ref _notSent, batch.Count);
            _results.Enqueue(NewResult(batch, CustomDataRequestStatus.Cancelled, null, TimeSpan.Zero, null, batch.ReadPoints(_options.DataStreamToken), 0, Array.Empty<string>(), false));
            batch.Release();
        }

        private static CustomDataRequestResult NewResult(
            CustomDataBatch batch, CustomDataRequestStatus status, int? statusCode, TimeSpan elapsed, CloudthreadException? error, IReadOnlyList<CustomDataPoint> points,
            int attempts, IReadOnlyList<string> retryReasons, bool mayHaveBeenStored) =>
            new CustomDataRequestResult(batch.Sequence, batch.Group.AggregationFunction, batch.Count, batch.SealedLength, status, statusCode, elapsed, error, points)
            {
                Attempts = attempts,
                RetryReasons = retryReasons,
                MayHaveBeenStored = mayHaveBeenStored,
            };

        private void Reject(long index, string field, string reason, object? source)
        {
            Interlocked.Increment(ref _rejected);
            if (_options.ReportRejections)
            {
                // Rows and CSV records are reused buffers: report a snapshot.
                source = source switch
                {
                    CsvCursor cursor => cursor.Snapshot(),
                    object?[] values => values.Clone(),
                    _ => source,
                };

                _rejections.Enqueue(new CustomDataPointRejection(index, field, reason, source));
            }
        }

        private void WaitForAllRequests(CancellationToken cancellationToken)
        {
            var acquired = 0;
            try
            {
                for (; acquired < _options.MaxConcurrentRequests; acquired++)
                {
                    _slots.Wait(cancellationToken);
                }
            }
            finally
            {
                if (acquired > 0)
                {
                    _slots.Release(acquired);
                }
            }
        }

        private IngestSummary Finish(bool cancelled)
        {
            _stopwatch.Stop();
            _summary = new IngestSummary(
                Interlocked.Read(ref _accepted),
                Interlocked.Read(ref _sent),
                Interlocked.Read(ref _rejected),
                Interlocked.Read(ref _failed),
                Interlocked.Read(ref _notSent),
                _requestsFormed,
                Interlocked.Read(ref _failedRequests),
                _stopwatch.Elapsed,
                cancelled,
                _options.DryRun)
            {
                MayHaveBeenStored = Interlocked.Read(ref _mayHaveBeenStored),
            };
            return _summary;
        }

        private void SetFractionRead(double fraction) => Volatile.Write(ref _fractionRead, fraction);

        /// <summary>The sender of a dry run: never called, since a dry run sends nothing.</summary>
        private sealed class NoSender : ICustomDataBatchSender
        {
            public static readonly NoSender Instance = new NoSender();

            public Task<BatchSendOutcome> SendAsync(ReadOnlyMemory<byte> body, bool gzip, string dataStreamToken, CancellationToken cancellationToken) =>
                throw new InvalidOperationException("A dry run sends nothing.");
        }
    }
}
