using System;
using System.Buffers;
using System.Collections.Generic;
using Cloudthread.Client.Models;

namespace Cloudthread.Client.Ingestion
{
    /// <summary>
    /// One request being formed: the JSON body bytes (prefix, points joined by commas, suffix) in a pooled
    /// array, and the points themselves (kept so that a failed request can be reported with them).
    /// </summary>
    internal sealed class CustomDataBatch
    {
        private byte[] _body;
        private int _length;
        private CustomDataPoint[] _points;

        public CustomDataBatch(CustomDataGroup group, int initialBytes, int maxPoints)
        {
            Group = group;
            _body = ArrayPool<byte>.Shared.Rent(Math.Max(initialBytes, group.Prefix.Length + 256));
            group.Prefix.CopyTo(_body, 0);
            _length = group.Prefix.Length;
            _points = ArrayPool<CustomDataPoint>.Shared.Rent(Math.Min(maxPoints, 1024));
        }

        public CustomDataGroup Group { get; }

        public int Count { get; private set; }

        /// <summary>Body length once sealed (the suffix counted).</summary>
        public int SealedLength => _length + CustomDataPointWriter.BodySuffix.Length;

        public long Sequence { get; set; }

        public ReadOnlyMemory<byte> Body => new ReadOnlyMemory<byte>(_body, 0, _length);

        /// <summary>Body length if <paramref name="pointBytes"/> more bytes of point were appended, suffix included.</summary>
        public int SealedLengthWith(int pointBytes) => _length + (Count > 0 ? 1 : 0) + pointBytes + CustomDataPointWriter.BodySuffix.Length;

        public void Append(ReadOnlySpan<byte> pointJson, CustomDataPoint point)
        {
            var needed = _length + 1 + pointJson.Length + CustomDataPointWriter.BodySuffix.Length;
            if (needed > _body.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _body.Length * 2));
                Buffer.BlockCopy(_body, 0, larger, 0, _length);
                ArrayPool<byte>.Shared.Return(_body);
                _body = larger;
            }

            if (Count > 0)
            {
                _body[_length++] = (byte)',';
            }

            pointJson.CopyTo(new Span<byte>(_body, _length, pointJson.Length));
            _length += pointJson.Length;

            if (Count == _points.Length)
            {
                var larger = ArrayPool<CustomDataPoint>.Shared.Rent(_points.Length * 2);
                Array.Copy(_points, larger, Count);
                ArrayPool<CustomDataPoint>.Shared.Return(_points, clearArray: true);
                _points = larger;
            }

            _points[Count++] = point;
        }

        /// <summary>Closes the JSON; the body is complete after this.</summary>
        public void Seal()
        {
            CustomDataPointWriter.BodySuffix.CopyTo(new Span<byte>(_body, _length, CustomDataPointWriter.BodySuffix.Length));
            _length += CustomDataPointWriter.BodySuffix.Length;
        }

        public IReadOnlyList<CustomDataPoint> CopyPoints()
        {
            var copy = new CustomDataPoint[Count];
            Array.Copy(_points, copy, Count);
            return copy;
        }

        /// <summary>Returns the pooled arrays; the batch is unusable afterwards.</summary>
        public void Release()
        {
            ArrayPool<byte>.Shared.Return(_body);
            ArrayPool<CustomDataPoint>.Shared.Return(_points, clearArray: true);
            _body = Array.Empty<byte>();
            _points = Array.Empty<CustomDataPoint>();
            _length = 0;
        }
    }

    /// <summary>The points of one (data stream token, aggregation function) pair: the requests they form and the one being formed.</summary>
    internal sealed class CustomDataGroup
    {
        public CustomDataGroup(string dataStreamToken, AggregationFunction aggregationFunction)
        {
            DataStreamToken = dataStreamToken;
            AggregationFunction = aggregationFunction;
            Prefix = CustomDataPointWriter.CreateBodyPrefix(dataStreamToken, aggregationFunction);
        }

        public string DataStreamToken { get; }
        public AggregationFunction AggregationFunction { get; }
        public byte[] Prefix { get; }
        public CustomDataBatch? Open { get; set; }
        /// <summary>Size of the last request, to rent the next body at the right size at once.</summary>
        public int LastBodyLength { get; set; }
    }
}
