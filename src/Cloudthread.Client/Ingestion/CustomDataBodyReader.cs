using System;
using System.Collections.Generic;
using System.Text.Json;
using Cloudthread.Client.Models;

namespace Cloudthread.Client.Ingestion
{
    /// <summary>
    /// Reads the points back out of an ingest body written by <see cref="CustomDataPointWriter"/>: how a request
    /// that is reported with its points (failed, cancelled, planned) gets them, so that no request has to keep
    /// its points as objects while it is formed and sent.
    /// </summary>
    internal static class CustomDataBodyReader
    {
        public static IReadOnlyList<CustomDataPoint> ReadPoints(ReadOnlySpan<byte> body, string? dataStreamToken, AggregationFunction aggregationFunction)
        {
            var points = new List<CustomDataPoint>();
            var reader = new Utf8JsonReader(body);
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("data"))
                {
                    reader.Read();
                    while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                    {
                        var point = ReadPoint(ref reader);
                        point.DataStreamToken = dataStreamToken;
                        point.AggregationFunction = aggregationFunction;
                        points.Add(point);
                    }

                    break;
                }
            }

            return points;
        }

        private static CustomDataPoint ReadPoint(ref Utf8JsonReader reader)
        {
            var point = new CustomDataPoint();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("timestamp"))
                {
                    reader.Read();
                    // The writer's own format (RFC 3339 or 'yyyy-MM-dd HH:mm:ss', UTC), valid by construction.
                    _ = CloudthreadTimestamp.TryParse(reader.GetString()!, out var utc, out _);
                    point.Timestamp = utc;
                }
                else if (reader.ValueTextEquals("metric_name"))
                {
                    reader.Read();
                    point.MetricName = reader.GetString()!;
                }
                else if (reader.ValueTextEquals("metric_value"))
                {
                    reader.Read();
                    point.MetricValue = reader.GetDouble();
                }
                else if (reader.ValueTextEquals("custom_dimensions"))
                {
                    reader.Read();
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        var name = reader.GetString()!;
                        reader.Read();
                        point.Dimensions[name] = reader.GetString()!;
                    }
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            return point;
        }
    }
}
