using System;
using System.Buffers;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Cloudthread.Client.Models;

namespace Cloudthread.Client.Ingestion
{
    /// <summary>
    /// One request being formed: the JSON body bytes (prefix, points joined by commas, suffix) in a pooled
    /// array. The points are not kept as objects: a request reported with its points (failed, cancelled,
    /// planned) reads them back from its body, which is exactly what was, or would have been, sent.
    /// </summary>
    internal sealed class CustomDataBatch
    {
        private readonly ArrayPool<byte> _pool;
        private byte[] _body;
        private int _length;
        private bool _sealed;

        /// <param name="group">The (token, aggregation function) group the request is for.</param>
        /// <param name="initialBytes">Body size to rent at first; it grows as points are appended.</param>
        /// <param name="pool">Where the body is rented (and returned by <see cref="Release"/>).</param>
        public CustomDataBatch(CustomDataGroup group, int initialBytes, ArrayPool<byte> pool)
        {
            Group = group;
            _pool = pool;
            _body = pool.Rent(Math.Max(initialBytes, group.Prefix.Length + 256));
            group.Prefix.CopyTo(_body, 0);
            _length = group.Prefix.Length;
        }

        public CustomDataGroup Group { get; }

        public int Count { get; private set; }

        /// <summary>Body length once sealed (the suffix counted once: after <see cref="Seal"/> it is already in the body).</summary>
        public int SealedLength => _sealed ? _length : _length + CustomDataPointWriter.BodySuffix.Length;

        public long Sequence { get; set; }

        public ReadOnlyMemory<byte> Body => new ReadOnlyMemory<byte>(_body, 0, _length);

        /// <summary>Body length if <paramref name="pointBytes"/> more bytes of point were appended, suffix included.</summary>
        [MethodImpl(HotPath.CompileOptimized)]
        public int SealedLengthWith(int pointBytes) => _length + (Count > 0 ? 1 : 0) + pointBytes + CustomDataPointWriter.BodySuffix.Length;

        [MethodImpl(HotPath.CompileOptimized)]
        public void Append(ReadOnlySpan<byte> pointJson)
        {
            var needed = _length + 1 + pointJson.Length + CustomDataPointWriter.BodySuffix.Length;
            if (needed > _body.Length)
            {
                var larger = _pool.Rent(Math.Max(needed, _body.Length * 2));
                Buffer.BlockCopy(_body, 0, larger, 0, _length);
                _pool.Return(_body);
                _body = larger;
            }

            if (Count > 0)
            {
                _body[_length++] = (byte)',';
            }

            pointJson.CopyTo(new Span<byte>(_body, _length, pointJson.Length));
            _length += pointJson.Length;
            Count++;
        }

        /// <summary>Closes the JSON; the body is complete after this.</summary>
        public void Seal()
        {
            CustomDataPointWriter.BodySuffix.CopyTo(new Span<byte>(_body, _length, CustomDataPointWriter.BodySuffix.Length));
            _length += CustomDataPointWriter.BodySuffix.Length;
            _sealed = true;
        }

        /// <summary>
        /// The points of the sealed body, read back from it. They carry the request's aggregation function, and its
        /// token only when it is not <paramref name="defaultToken"/> (a point never shows the ingestion's token).
        /// </summary>
        public IReadOnlyList<CustomDataPoint> ReadPoints(string? defaultToken) =>
            CustomDataBodyReader.ReadPoints(
                new ReadOnlySpan<byte>(_body, 0, _length),
                Group.DataStreamToken.Length == 0 || string.Equals(Group.DataStreamToken, defaultToken, StringComparison.Ordinal) ? null : Group.DataStreamToken,
                Group.AggregationFunction);

        /// <summary>Returns the pooled arrays; the batch is unusable afterwards.</summary>
        public void Release()
        {
            _pool.Return(_body);
            _body = Array.Empty<byte>();
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
        /// <summary>The request being formed, if any.</summary>
        public CustomDataBatch? Open { get; set; }

        /// <summary>Takes the request being formed out of the group (to be sent or dropped); the next point starts another.</summary>
        public CustomDataBatch? TakeOpen()
        {
            var open = Open;
            Open = null;
            return open;
        }

        /// <summary>Size of the last request, to rent the next body at the right size at once.</summary>
        public int LastBodyLength { get; set; }
    }
}
