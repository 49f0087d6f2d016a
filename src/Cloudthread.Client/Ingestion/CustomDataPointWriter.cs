using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Cloudthread.Client.Models;

namespace Cloudthread.Client.Ingestion
{
    /// <summary>
    /// Serializes points straight to UTF-8 JSON into one reused pooled buffer: the structure and the property names as
    /// constant bytes, timestamps formatted in place, and the values that need nothing from a JSON encoder (text of
    /// plain ASCII, whole numbers) copied as they are. Any other value goes through one reused Utf8JsonWriter, so the
    /// bytes are the same as the writer's for every point. No string or array per point. Not thread-safe: one per
    /// producer.
    /// </summary>
    /// <remarks>
    /// Why not the writer for everything: in a fresh process its general string and number code is compiled again,
    /// optimized, while the first send runs, and on a small machine that competes with the send itself.
    /// </remarks>
    internal sealed class CustomDataPointWriter : IDisposable
    {
        private static readonly JsonEncodedText TokenName = JsonEncodedText.Encode("data_stream_token");
        private static readonly JsonEncodedText AggregationName = JsonEncodedText.Encode("metric_agg_func");
        private static readonly JsonEncodedText DataName = JsonEncodedText.Encode("data");

        /// <summary>The largest whole number written as plain digits: the writer switches to E notation at 1E+15.</summary>
        private const double LargestPlainWholeNumber = 999_999_999_999_999d;

        /// <summary>Closes the data array and the body object opened by <see cref="CreateBodyPrefix"/>.</summary>
        public static ReadOnlySpan<byte> BodySuffix => "]}"u8;

        private static ReadOnlySpan<byte> TimestampStart => "{\"timestamp\":\""u8;

        private static ReadOnlySpan<byte> MetricNameStart => "\",\"metric_name\":"u8;

        private static ReadOnlySpan<byte> MetricValueStart => ",\"metric_value\":"u8;

        private static ReadOnlySpan<byte> DimensionsStart => ",\"custom_dimensions\":{"u8;

        private readonly PooledByteBuffer _buffer = new PooledByteBuffer(512);
        private readonly Utf8JsonWriter _json;
        private readonly TimestampFormat _timestampFormat;

        // {"timestamp":"...","metric_name": for the last point's hour (UTC ticks).
        private readonly byte[] _start = new byte[64];
        private int _startLength;
        private long _startTicks;

        public CustomDataPointWriter(TimestampFormat timestampFormat)
        {
            _timestampFormat = timestampFormat;
            _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true });
        }

        /// <summary>
        /// The JSON of one point (<c>{"timestamp":...}</c>), valid until the next call. The point must be valid
        /// (<see cref="CustomDataPointValidator"/>).
        /// </summary>
        [MethodImpl(HotPath.CompileOptimized)]
        public ReadOnlySpan<byte> Write(CustomDataPoint point)
        {
            _buffer.Clear();
            var utc = ToUtc(point.Timestamp);
            if (utc.Ticks != _startTicks || _startLength == 0)
            {
                // Points come hour by hour: the opening up to the metric name is made once per hour, then copied.
                TimestampStart.CopyTo(_start);
                var length = TimestampStart.Length + FormatTimestamp(utc, _timestampFormat, _start.AsSpan(TimestampStart.Length));
                MetricNameStart.CopyTo(_start.AsSpan(length));
                _startLength = length + MetricNameStart.Length;
                _startTicks = utc.Ticks;
            }

            _buffer.Write(new ReadOnlySpan<byte>(_start, 0, _startLength));
            WriteString(point.MetricName);
            _buffer.Write(MetricValueStart);
            WriteNumber(point.MetricValue);

            var dimensions = point.DimensionsOrNull;
            if (dimensions is { Count: > 0 })
            {
                _buffer.Write(DimensionsStart);
                var first = true;
                foreach (var pair in dimensions)
                {
                    if (!first)
                    {
                        _buffer.Write((byte)',');
                    }

                    first = false;
                    WriteString(pair.Key);
                    _buffer.Write((byte)':');
                    WriteString(pair.Value);
                }

                _buffer.Write((byte)'}');
            }

            _buffer.Write((byte)'}');
            return _buffer.WrittenSpan;
        }

        /// <summary><c>{"data_stream_token":"...","metric_agg_func":"Sum","data":[</c>: written once per group.</summary>
        public static byte[] CreateBodyPrefix(string dataStreamToken, AggregationFunction aggregationFunction)
        {
            using var buffer = new PooledByteBuffer(128);
            using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
            {
                json.WriteStartObject();
                json.WriteString(TokenName, dataStreamToken);
                json.WriteString(AggregationName, AggregationFunctionName(aggregationFunction));
                json.WriteStartArray(DataName);
                json.Flush();
            }

            return buffer.WrittenSpan.ToArray();
        }

        public static string AggregationFunctionName(AggregationFunction function) => function switch
        {
            AggregationFunction.Sum => "Sum",
            AggregationFunction.Average => "Average",
            AggregationFunction.Maximum => "Maximum",
            AggregationFunction.Minimum => "Minimum",
            _ => throw new ArgumentOutOfRangeException(nameof(function)),
        };

        [MethodImpl(HotPath.CompileOptimized)]
        internal static DateTime ToUtc(DateTime value) => value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;

        /// <summary>yyyy-MM-ddTHH:mm:ssZ (20 bytes) or yyyy-MM-dd HH:mm:ss (19 bytes), as the connection chose.</summary>
        [MethodImpl(HotPath.CompileOptimized)]
        internal static int FormatTimestamp(DateTime utc, TimestampFormat format, Span<byte> destination)
        {
            WriteDigits(destination.Slice(0, 4), utc.Year);
            destination[4] = (byte)'-';
            WriteDigits(destination.Slice(5, 2), utc.Month);
            destination[7] = (byte)'-';
            WriteDigits(destination.Slice(8, 2), utc.Day);
            destination[10] = format == TimestampFormat.SpaceSeparated ? (byte)' ' : (byte)'T';
            WriteDigits(destination.Slice(11, 2), utc.Hour);
            destination[13] = (byte)':';
            WriteDigits(destination.Slice(14, 2), utc.Minute);
            destination[16] = (byte)':';
            WriteDigits(destination.Slice(17, 2), utc.Second);
            if (format == TimestampFormat.SpaceSeparated)
            {
                return 19;
            }

            destination[19] = (byte)'Z';
            return 20;
        }

        /// <summary>A JSON string: copied when every character is one the writer's encoder leaves alone, else the writer's.</summary>
        [MethodImpl(HotPath.CompileOptimized)]
        private void WriteString(string text)
        {
            var span = _buffer.GetSpan(text.Length + 2);
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (!JsonPlainText.IsPlain(c))
                {
                    WriteWithEncoder(text);
                    return;
                }

                span[i + 1] = (byte)c;
            }

            span[0] = (byte)'"';
            span[text.Length + 1] = (byte)'"';
            _buffer.Advance(text.Length + 2);
        }

        /// <summary>A JSON number: a whole number as its digits (as the writer writes it), any other through the writer.</summary>
        [MethodImpl(HotPath.CompileOptimized)]
        private void WriteNumber(double value)
        {
            // Negative zero is "-0" to the writer; a whole number's digits would drop the sign.
            if (Math.Abs(value) > LargestPlainWholeNumber || value != Math.Floor(value) || (value == 0 && BitConverter.DoubleToInt64Bits(value) != 0))
            {
                _json.Reset(_buffer);
                _json.WriteNumberValue(value);
                _json.Flush();
                return;
            }

            var whole = (long)value;
            var span = _buffer.GetSpan(17);
            var sign = 0;
            if (whole < 0)
            {
                span[sign++] = (byte)'-';
                whole = -whole;
            }

            var digits = 1;
            for (var rest = whole / 10; rest > 0; rest /= 10)
            {
                digits++;
            }

            WriteDigits(span.Slice(sign, digits), whole);
            _buffer.Advance(sign + digits);
        }

        private void WriteWithEncoder(string text)
        {
            _json.Reset(_buffer);
            _json.WriteStringValue(text);
            _json.Flush();
        }

        public void Dispose()
        {
            _json.Dispose();
            _buffer.Dispose();
        }

        [MethodImpl(HotPath.CompileOptimized)]
        private static void WriteDigits(Span<byte> destination, long value)
        {
            for (var i = destination.Length - 1; i >= 0; i--)
            {
                destination[i] = (byte)('0' + (value % 10));
                value /= 10;
            }
        }
    }
}
