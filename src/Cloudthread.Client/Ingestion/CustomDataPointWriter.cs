using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Cloudthread.Client.Models;

namespace Cloudthread.Client.Ingestion
{
    /// <summary>
    /// Serializes points straight to UTF-8 JSON: one reused Utf8JsonWriter over one reused pooled buffer,
    /// pre-encoded property names, timestamps formatted into a stack buffer. No string or array per point.
    /// Not thread-safe: one per producer.
    /// </summary>
    internal sealed class CustomDataPointWriter : IDisposable
    {
        private static readonly JsonEncodedText TimestampName = JsonEncodedText.Encode("timestamp");
        private static readonly JsonEncodedText MetricNameName = JsonEncodedText.Encode("metric_name");
        private static readonly JsonEncodedText MetricValueName = JsonEncodedText.Encode("metric_value");
        private static readonly JsonEncodedText DimensionsName = JsonEncodedText.Encode("custom_dimensions");
        private static readonly JsonEncodedText TokenName = JsonEncodedText.Encode("data_stream_token");
        private static readonly JsonEncodedText AggregationName = JsonEncodedText.Encode("metric_agg_func");
        private static readonly JsonEncodedText DataName = JsonEncodedText.Encode("data");

        /// <summary>Closes the data array and the body object opened by <see cref="CreateBodyPrefix"/>.</summary>
        public static ReadOnlySpan<byte> BodySuffix => new byte[] { (byte)']', (byte)'}' };

        private readonly PooledByteBuffer _buffer = new PooledByteBuffer(512);
        private readonly Utf8JsonWriter _json;
        private readonly TimestampFormat _timestampFormat;

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
            _json.Reset(_buffer);
            _json.WriteStartObject();

            Span<byte> timestamp = stackalloc byte[20];
            var length = FormatTimestamp(ToUtc(point.Timestamp), _timestampFormat, timestamp);
            _json.WriteString(TimestampName, timestamp.Slice(0, length));
            _json.WriteString(MetricNameName, point.MetricName);
            _json.WriteNumber(MetricValueName, point.MetricValue);

            var dimensions = point.DimensionsOrNull;
            if (dimensions is { Count: > 0 })
            {
                _json.WriteStartObject(DimensionsName);
                foreach (var pair in dimensions)
                {
                    _json.WriteString(pair.Key, pair.Value);
                }

                _json.WriteEndObject();
            }

            _json.WriteEndObject();
            _json.Flush();
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

        public void Dispose()
        {
            _json.Dispose();
            _buffer.Dispose();
        }

        [MethodImpl(HotPath.CompileOptimized)]
        private static void WriteDigits(Span<byte> destination, int value)
        {
            for (var i = destination.Length - 1; i >= 0; i--)
            {
                destination[i] = (byte)('0' + (value % 10));
                value /= 10;
            }
        }
    }
}
