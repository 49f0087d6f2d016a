using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Unicode;
using Cloudthread.Emulator.Http;
using Cloudthread.Emulator.Model;

namespace Cloudthread.Emulator.Endpoints;

/// <summary>
/// Reads an ingest body in one pass over its bytes, making the records as it goes, when the body is plain: the
/// token and function first, then the points, each field once, no other field, no null, no escape in any string,
/// every value valid (the timestamps in the forms clients write). It declines any other body, valid or not, and
/// <see cref="IngestEndpoint.Handle"/> then parses and checks it and says what is wrong: so this path accepts only
/// bodies that one accepts, and reads them into the same records (IngestPlainBodyTests runs both on the same bodies).
/// What clients send takes this path, so every point of it passes through here.
/// </summary>
internal static class PlainIngestBodyReader
{
    // What the document parser reads with (RequestBodyReader): the same tokens, the same errors.
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 64 };

    [ThreadStatic]
    private static Scratch? t_scratch;

    /// <summary>
    /// The token of a plain body, its points added to <paramref name="records"/> (empty when called); false for any
    /// other body, and then what was added is to be discarded.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> utf8Json, List<CustomDataRecord> records, [NotNullWhen(true)] out string? token)
    {
        token = null;

        // Valid UTF-8 throughout makes every string valid text, which is all JsonTextCheck checks of a body without escapes.
        if (!Utf8.IsValid(utf8Json))
        {
            return false;
        }

        // The reading is synchronous: a thread's scratch serves one body at a time.
        var scratch = t_scratch ?? new Scratch();
        t_scratch = null;
        try
        {
            var reader = new Utf8JsonReader(utf8Json, ReaderOptions);
            if (TryReadBody(ref reader, scratch, records, out token))
            {
                return true;
            }
        }
        catch (JsonException)
        {
            // Not JSON: the parser says where.
        }
        finally
        {
            scratch.Clear();
            t_scratch = scratch;
        }

        token = null;
        return false;
    }

    private static bool TryReadBody(ref Utf8JsonReader reader, Scratch scratch, List<CustomDataRecord> records, [NotNullWhen(true)] out string? token)
    {
        token = null;
        var sawData = false;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        string? aggFunc = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueIsEscaped)
            {
                return false;
            }

            var name = reader.ValueSpan;
            reader.Read();
            if (name.SequenceEqual("data_stream_token"u8))
            {
                if (token is not null || !IsPlainString(ref reader) || scratch.Strings.Get(reader.ValueSpan) is not { IsBlank: false } text)
                {
                    return false;
                }

                token = text.Text;
            }
            else if (name.SequenceEqual("metric_agg_func"u8))
            {
                if (aggFunc is not null || !IsPlainString(ref reader) || (aggFunc = AggFuncNamed(reader.ValueSpan)) is null)
                {
                    return false;
                }
            }
            else if (name.SequenceEqual("data"u8))
            {
                // The points become records as they are read, so the token and function must be known by then.
                if (sawData || token is null || aggFunc is null || reader.TokenType != JsonTokenType.StartArray)
                {
                    return false;
                }

                sawData = true;
                while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                {
                    if (!TryReadPoint(ref reader, scratch, token, aggFunc, records))
                    {
                        return false;
                    }
                }

                if (reader.TokenType != JsonTokenType.EndArray || records.Count == 0)
                {
                    return false;
                }
            }
            else
            {
                return false;
            }
        }

        // The body's object is closed; nothing but whitespace may follow it (anything else throws).
        return reader.TokenType == JsonTokenType.EndObject && sawData && !reader.Read();
    }

    private static bool TryReadPoint(ref Utf8JsonReader reader, Scratch scratch, string token, string aggFunc, List<CustomDataRecord> records)
    {
        long? epochSeconds = null;
        string? metric = null;
        double? value = null;
        KeyValuePair<string, string>[]? dimensions = null;
        var dimensionSet = DimensionSet.None;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueIsEscaped)
            {
                return false;
            }

            var name = reader.ValueSpan;
            reader.Read();
            switch (name.Length)
            {
                case 9 when name.SequenceEqual("timestamp"u8):
                    if (epochSeconds is not null || !TryReadHour(ref reader, out var seconds))
                    {
                        return false;
                    }

                    epochSeconds = seconds;
                    break;
                case 11 when name.SequenceEqual("metric_name"u8):
                    if (metric is not null || !IsPlainString(ref reader) || scratch.Strings.Get(reader.ValueSpan) is not { IsName: true } text)
                    {
                        return false;
                    }

                    metric = text.Text;
                    break;
                case 12 when name.SequenceEqual("metric_value"u8):
                    if (value is not null || reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out var number) || !double.IsFinite(number))
                    {
                        return false;
                    }

                    value = number;
                    break;
                case 17 when name.SequenceEqual("custom_dimensions"u8):
                    if (dimensions is not null || !TryReadDimensions(ref reader, scratch, out dimensions, out dimensionSet))
                    {
                        return false;
                    }

                    break;
                default:
                    return false;
            }
        }

        if (epochSeconds is null || metric is null || value is null)
        {
            return false;
        }

        records.Add(new CustomDataRecord(token, metric, aggFunc, dimensions ?? IngestEndpoint.NoDimensions, dimensionSet, epochSeconds.Value, value.Value));
        return true;
    }

    /// <summary>A timestamp in a form clients write, on the hour: a string (<see cref="HourlyTimestamp.TryReadPlainHour"/>) or whole epoch seconds.</summary>
    private static bool TryReadHour(ref Utf8JsonReader reader, out long epochSeconds)
    {
        epochSeconds = 0;
        return reader.TokenType switch
        {
            JsonTokenType.String => !reader.ValueIsEscaped && HourlyTimestamp.TryReadPlainHour(reader.ValueSpan, out epochSeconds),
            JsonTokenType.Number => reader.TryGetInt64(out epochSeconds) && epochSeconds is >= 0 and <= HourlyTimestamp.MaxEpochSeconds && epochSeconds % 3600 == 0,
            _ => false,
        };
    }

    /// <summary>
    /// An object of at most <see cref="IngestEndpoint.MaxDimensions"/> plain string values under distinct keys that
    /// are names. The pairs and their set come from the body's cache when an earlier point listed the same.
    /// </summary>
    private static bool TryReadDimensions(ref Utf8JsonReader reader, Scratch scratch, out KeyValuePair<string, string>[] dimensions, out DimensionSet set)
    {
        dimensions = IngestEndpoint.NoDimensions;
        set = DimensionSet.None;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        var pairs = scratch.Pairs;
        var ids = scratch.Ids;
        var count = 0;
        var pooled = true;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueIsEscaped || count == IngestEndpoint.MaxDimensions || scratch.Strings.Get(reader.ValueSpan) is not { IsName: true } key)
            {
                return false;
            }

            reader.Read();
            if (!IsPlainString(ref reader))
            {
                return false;
            }

            var text = scratch.Strings.Get(reader.ValueSpan);
            for (var i = 0; i < count; i++)
            {
                if (string.Equals(pairs[i].Key, key.Text, StringComparison.Ordinal))
                {
                    return false;
                }
            }

            pairs[count] = new KeyValuePair<string, string>(key.Text, text.Text);
            ids[2 * count] = key.Id;
            ids[(2 * count) + 1] = text.Id;
            pooled &= key.Id >= 0 && text.Id >= 0;
            count++;
        }

        if (count == 0)
        {
            return true;
        }

        var listed = ids.AsSpan(0, 2 * count);
        if (pooled && scratch.Dimensions.TryGet(listed, out dimensions, out set))
        {
            return true;
        }

        dimensions = pairs.AsSpan(0, count).ToArray();
        set = new DimensionSet(dimensions);
        if (pooled)
        {
            scratch.Dimensions.Add(listed, dimensions, set);
        }

        return true;
    }

    private static bool IsPlainString(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped;

    private static string? AggFuncNamed(ReadOnlySpan<byte> utf8) =>
        utf8.SequenceEqual("Sum"u8) ? AggFunc.Sum
        : utf8.SequenceEqual("Average"u8) ? AggFunc.Average
        : utf8.SequenceEqual("Maximum"u8) ? AggFunc.Maximum
        : utf8.SequenceEqual("Minimum"u8) ? AggFunc.Minimum
        : null;

    /// <summary>What reading one body needs besides the body, kept per thread from body to body.</summary>
    private sealed class Scratch
    {
        public Utf8StringPool Strings { get; } = new();

        public DimensionSetCache Dimensions { get; } = new();

        public KeyValuePair<string, string>[] Pairs { get; } = new KeyValuePair<string, string>[IngestEndpoint.MaxDimensions];

        public int[] Ids { get; } = new int[2 * IngestEndpoint.MaxDimensions];

        public void Clear()
        {
            Strings.Clear();
            Dimensions.Clear();
            Array.Clear(Pairs);
        }
    }
}
