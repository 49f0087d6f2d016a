using System;
using System.Buffers;
using System.Runtime.CompilerServices;

namespace Cloudthread.Client.Ingestion
{
    /// <summary>
    /// A growable byte buffer rented from <see cref="ArrayPool{T}.Shared"/>, usable as the
    /// <see cref="IBufferWriter{T}"/> under a Utf8JsonWriter. Cleared and reused, never reallocated per write.
    /// </summary>
    internal sealed class PooledByteBuffer : IBufferWriter<byte>, IDisposable
    {
        private byte[] _array;
        private int _length;

        public PooledByteBuffer(int initialCapacity) => _array = ArrayPool<byte>.Shared.Rent(Math.Max(initialCapacity, 256));

        public int Length => _length;

        public int Capacity => _array.Length;

        public ReadOnlySpan<byte> WrittenSpan => new ReadOnlySpan<byte>(_array, 0, _length);

        public ReadOnlyMemory<byte> WrittenMemory => new ReadOnlyMemory<byte>(_array, 0, _length);

        public void Clear() => _length = 0;

        public void Advance(int count)
        {
            if (count < 0 || _length + count > _array.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(count));
            }

            _length += count;
        }

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            EnsureFree(sizeHint);
            return new Memory<byte>(_array, _length, _array.Length - _length);
        }

        // The point writer calls these several times per point: the room check is inlined, the growing is not.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Span<byte> GetSpan(int sizeHint = 0)
        {
            if (_array.Length - _length < Math.Max(sizeHint, 1))
            {
                EnsureFree(sizeHint);
            }

            return new Span<byte>(_array, _length, _array.Length - _length);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Write(ReadOnlySpan<byte> bytes)
        {
            if (_array.Length - _length < bytes.Length)
            {
                EnsureFree(bytes.Length);
            }

            bytes.CopyTo(new Span<byte>(_array, _length, bytes.Length));
            _length += bytes.Length;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Write(byte value)
        {
            if (_length == _array.Length)
            {
                EnsureFree(1);
            }

            _array[_length++] = value;
        }

        public void Dispose()
        {
            var array = _array;
            _array = Array.Empty<byte>();
            _length = 0;
            if (array.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(array);
            }
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private void EnsureFree(int sizeHint)
        {
            var needed = _length + Math.Max(sizeHint, 1);
            if (needed <= _array.Length)
            {
                return;
            }

            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _array.Length * 2));
            new ReadOnlySpan<byte>(_array, 0, _length).CopyTo(larger);
            if (_array.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(_array);
            }

            _array = larger;
        }
    }
}
