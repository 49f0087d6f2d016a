using System;
using System.Buffers;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Cloudthread.Client.Models;

namespace Cloudthread.Client.Ingestion
{
    /// <summary>Forming requests: each valid point is serialized into the open request of its (token, aggregation function) group.</summary>
    public sealed partial class CustomDataIngestion
    {
        private readonly CustomDataPointWriter _writer;
        private static readonly ArrayPool<byte> DefaultSizeBodies =
            ArrayPool<byte>.Create(CustomDataIngestOptions.DefaultMaxBytesPerRequest + 2048, CustomDataIngestOptions.DefaultMaxConcurrentRequests + 2);

        private readonly ArrayPool<byte> _bodies;
        private readonly Dictionary<(string Token, AggregationFunction Function), CustomDataGroup> _groups = new Dictionary<(string, AggregationFunction), CustomDataGroup>();

        // One point and one dimension dictionary for every row: a row's point is serialized as soon as it is made and
        // never kept (reported requests read their points back from the body), so rows allocate nothing.
        private readonly CustomDataPoint _rowPoint = new CustomDataPoint();
        private readonly Dictionary<string, string> _rowDimensions = new Dictionary<string, string>(StringComparer.Ordinal);

        private CustomDataGroup? _lastGroup;

        /// <summary>The row as a point (the one reused for every row), or null when it cannot be one (it is rejected).</summary>
        [MethodImpl(HotPath.CompileOptimized)]
        private CustomDataPoint? PointFromRow(CustomDataColumnMap map, object?[] values, object? source, long index)
        {
            if (map.TryFillPoint(values, _rowPoint, _rowDimensions, out var rejection))
            {
                return _rowPoint;
            }

            Reject(index, rejection!, source ?? values);
            return null;
        }

        /// <summary>Validates the point, appends it to its group's open request and sends the requests that are full. False when rejected.</summary>
        [MethodImpl(HotPath.CompileOptimized)]
        private bool AppendAndSendFull(CustomDataPoint point, object? source, long index, CancellationToken cancellationToken)
        {
            var group = AppendToOpenRequest(point, source, index, out var overflowed);
            if (group is null)
            {
                return false;
            }

            if (overflowed != null)
            {
                WaitForSlotAndSend(overflowed, cancellationToken);
            }

            if (group.Open is { } open && IsFull(open))
            {
                group.TakeOpen();
                WaitForSlotAndSend(open, cancellationToken);
            }

            return true;
        }

        /// <summary>
        /// Validates, serializes and appends the point to its group's open request, and returns the group (null when the
        /// point is rejected). When the point did not fit in the open request, that request is taken out of the group in
        /// <paramref name="overflowed"/>, to be sent first, and the point starts the next one.
        /// </summary>
        [MethodImpl(HotPath.CompileOptimized)]
        private CustomDataGroup? AppendToOpenRequest(CustomDataPoint point, object? source, long index, out CustomDataBatch? overflowed)
        {
            overflowed = null;
            if (point is null)
            {
                Reject(index, new CustomDataPointRejection(CustomDataRejectionCode.NullInput, "InputObject", "is null"), null);
                return null;
            }

            if (!CustomDataPointValidator.IsValid(point, out var rejection))
            {
                Reject(index, rejection!, source);
                return null;
            }

            var token = point.DataStreamToken ?? _options.DataStreamToken;
            if (string.IsNullOrEmpty(token))
            {
                if (!_options.DryRun)
                {
                    Reject(
                        index,
                        new CustomDataPointRejection(CustomDataRejectionCode.MissingDataStreamToken, nameof(CustomDataPoint.DataStreamToken), "is missing: give the point one or give the ingestion a default"),
                        source);
                    return null;
                }

                // A dry run sends nothing, so it needs no token: the plan shows these points in a request of their own.
                token = string.Empty;
            }

            var group = GroupOf(token!, point.AggregationFunction ?? _options.AggregationFunction);
            var json = _writer.Write(point);

            var open = group.Open;
            if (open != null && open.SealedLengthWith(json.Length) > _options.MaxBytesPerRequest)
            {
                overflowed = group.TakeOpen();
                open = null;
            }

            if (open is null)
            {
                var initial = group.LastBodyLength > 0 ? group.LastBodyLength + 1024 : Math.Min(_options.MaxBytesPerRequest, 64 * 1024);
                open = new CustomDataBatch(group, Math.Min(initial, _options.MaxBytesPerRequest + 1024), _bodies);
                group.Open = open;
            }

            open.Append(json);
            _counters.PointAccepted();
            return group;
        }

        /// <summary>The group of (token, function), created on first use; the last one is checked first, since input usually runs in one group.</summary>
        [MethodImpl(HotPath.CompileOptimized)]
        private CustomDataGroup GroupOf(string token, AggregationFunction function)
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

        [MethodImpl(HotPath.CompileOptimized)]
        private bool IsFull(CustomDataBatch batch) => batch.Count >= _options.MaxPointsPerRequest || batch.SealedLength >= _options.MaxBytesPerRequest;

        /// <summary>Closes the request's body and numbers it; the next request of its group is rented at its size.</summary>
        private void Close(CustomDataBatch batch)
        {
            batch.Seal();
            batch.Sequence = _counters.FormRequest();
            batch.Group.LastBodyLength = batch.SealedLength;
        }
    }
}
