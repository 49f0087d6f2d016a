using System;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using Cloudthread.Client.Models;

namespace Cloudthread.Client.Ingestion
{
    /// <summary>Sending requests: a slot per request in flight (backpressure), gzip, and every outcome counted and reported.</summary>
    public sealed partial class CustomDataIngestion
    {
        private readonly ICustomDataBatchSender _sender;
        private readonly RequestSlots _slots;
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();

        // Where the ingestion was started (its log scope, for one): every request runs there, whichever thread adds the point that fills it.
        private readonly ExecutionContext? _startContext = ExecutionContext.Capture();

        /// <summary>
        /// Closes the request and waits for a free slot (backpressure), then starts sending it; a dry run reports it as
        /// planned instead. A request that cannot wait (the token fired, or the ingestion is stopping) is reported not sent.
        /// </summary>
        private void WaitForSlotAndSend(CustomDataBatch batch, CancellationToken cancellationToken)
        {
            Close(batch);
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
                    _slots.Take(linked.Token);
                }
                else
                {
                    _slots.Take(_stopping.Token);
                }
            }
            catch (OperationCanceledException)
            {
                ReportNotSent(batch);
                throw;
            }

            StartSending(batch);
        }

        private void StartSending(CustomDataBatch batch)
        {
            _counters.RequestStarted();
            if (_startContext is null)
            {
                _ = Task.Run(() => SendAsync(batch));
                return;
            }

            // A copy each time: on .NET Framework a captured context can be run only once.
            ExecutionContext.Run(_startContext.CreateCopy(), state => _ = Task.Run(() => SendAsync((CustomDataBatch)state!)), batch);
        }

        /// <summary>Runs on the thread pool; never throws: every outcome is counted and reported, and the slot freed.</summary>
        private async Task SendAsync(CustomDataBatch batch)
        {
            var started = Stopwatch.StartNew();
            BatchSendOutcome? outcome = null;
            CloudthreadException? error = null;
            try
            {
                var body = _options.Compress ? Gzip(batch.Body) : batch.Body;
                outcome = await _sender.SendAsync(body, _options.Compress, batch.Group.DataStreamToken, _stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                // Neither an outcome nor an error: cancelled in flight.
            }
            catch (CloudthreadException ex)
            {
                error = ex;
            }
#pragma warning disable CA1031 // A send task must never fault unobserved: anything else is a failed request, reported with its points.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                error = new CloudthreadException(ex is OperationCanceledException ? CloudthreadErrorKind.Timeout : CloudthreadErrorKind.Unknown, ex.Message, ex);
            }

            try
            {
                if (outcome != null)
                {
                    ReportSent(batch, outcome, started.Elapsed);
                }
                else if (error != null)
                {
                    ReportFailed(batch, error, started.Elapsed);
                }
                else
                {
                    ReportCancelledInFlight(batch, started.Elapsed);
                }
            }
            finally
            {
                batch.Release();
                _counters.RequestEnded();
                _slots.Give();
            }
        }

        private static ReadOnlyMemory<byte> Gzip(ReadOnlyMemory<byte> body)
        {
            var output = new MemoryStream(Math.Max(256, body.Length / 4));
            using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
            {
                var segment = MemoryMarshal.TryGetArray(body, out var array) ? array : new ArraySegment<byte>(body.ToArray());
                gzip.Write(segment.Array!, segment.Offset, segment.Count);
            }

            return new ReadOnlyMemory<byte>(output.GetBuffer(), 0, (int)output.Length);
        }

        /// <summary>Takes every slot, so that no request is in flight, then gives them back.</summary>
        private void WaitForAllRequests(CancellationToken cancellationToken)
        {
            var acquired = 0;
            try
            {
                for (; acquired < _options.MaxConcurrentRequests; acquired++)
                {
                    _slots.Take(cancellationToken);
                }
            }
            finally
            {
                if (acquired > 0)
                {
                    _slots.Give(acquired);
                }
            }
        }
    }
}
