using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;

namespace Cloudthread.Client.Json
{
    /// <summary>
    /// The one writer behind <see cref="JsonTree.Write"/>: BCL values to JSON, tracking the path of the value being
    /// written so that what JSON cannot express (NaN, a cycle, an unknown type) is reported where it is.
    /// </summary>
    internal sealed class JsonTreeWriter
    {
        /// <summary>Objects and arrays nested deeper than this are refused: in practice only a cycle gets there.</summary>
        public const int MaxDepth = 64;

        // A host wrapper may unwrap to another wrapper (a PSObject around a .NET object that becomes a property bag).
        private const int MaxConversions = 8;

        private readonly Utf8JsonWriter _writer;
        private readonly string _rootPath;
        private readonly Func<object, object?>? _convertUnknown;
        private readonly List<Segment> _path = new List<Segment>();

        public JsonTreeWriter(Utf8JsonWriter writer, string rootPath, Func<object, object?>? convertUnknown)
        {
            _writer = writer;
            _rootPath = rootPath;
            _convertUnknown = convertUnknown;
        }

        public void Write(object? value)
        {
            var current = value;
            for (var conversions = 0; !TryWriteKnown(current); conversions++)
            {
                var converted = _convertUnknown is null || conversions == MaxConversions ? current : _convertUnknown(current!);
                if (ReferenceEquals(converted, current))
                {
                    throw Invalid("a " + current!.GetType().Name + " cannot be written as JSON");
                }

                current = converted;
            }
        }

        private bool TryWriteKnown(object? value)
        {
            switch (value)
            {
                case null:
                    _writer.WriteNullValue();
                    return true;
                case string s:
                    _writer.WriteStringValue(s);
                    return true;
                case char c:
                    _writer.WriteStringValue(c.ToString());
                    return true;
                case bool b:
                    _writer.WriteBooleanValue(b);
                    return true;
                case Enum e:
                    // Before the integral cases: an enum is IConvertible too, but its name is what a reader expects.
                    _writer.WriteStringValue(e.ToString());
                    return true;
                case long l:
                    _writer.WriteNumberValue(l);
                    return true;
                case int i:
                    _writer.WriteNumberValue(i);
                    return true;
                case short or sbyte:
                    _writer.WriteNumberValue(Convert.ToInt32(value, CultureInfo.InvariantCulture));
                    return true;
                case byte or ushort:
                    _writer.WriteNumberValue(Convert.ToUInt32(value, CultureInfo.InvariantCulture));
                    return true;
                case uint ui:
                    _writer.WriteNumberValue(ui);
                    return true;
                case ulong ul:
                    _writer.WriteNumberValue(ul);
                    return true;
                case double d:
                    WriteFinite(d);
                    return true;
                case float f:
                    if (float.IsNaN(f) || float.IsInfinity(f))
                    {
                        throw NotFinite(f);
                    }

                    _writer.WriteNumberValue(f);
                    return true;
                case decimal m:
                    _writer.WriteNumberValue(m);
                    return true;
                case BigInteger big:
                    // Digits only (and a sign): always a valid JSON number, however long.
                    _writer.WriteRawValue(big.ToString(CultureInfo.InvariantCulture), skipInputValidation: true);
                    return true;
                case DateTime or DateTimeOffset or TimeSpan or Guid or Uri:
                    // JSON has no such types: they are written as the text every other value-to-text site writes.
                    _writer.WriteStringValue(CloudthreadText.Of(value));
                    return true;
                case IEnumerable<KeyValuePair<string, object?>> map:
                    WriteObject(map);
                    return true;
                case IDictionary dictionary:
                    WriteObject(Entries(dictionary));
                    return true;
                case IEnumerable items:
                    WriteArray(items);
                    return true;
                default:
                    return false;
            }
        }

        private void WriteFinite(double value)
        {
            if (double.IsNaN(value) || double.IsInfinity(value))
            {
                throw NotFinite(value);
            }

            _writer.WriteNumberValue(value);
        }

        private void WriteObject(IEnumerable<KeyValuePair<string, object?>> map)
        {
            Enter();
            _writer.WriteStartObject();
            foreach (var pair in map)
            {
                _writer.WritePropertyName(pair.Key);
                _path.Add(new Segment(pair.Key, 0));
                Write(pair.Value);
                _path.RemoveAt(_path.Count - 1);
            }

            _writer.WriteEndObject();
        }

        private void WriteArray(IEnumerable items)
        {
            Enter();
            _writer.WriteStartArray();
            var index = 0;
            foreach (var item in items)
            {
                _path.Add(new Segment(null, index++));
                Write(item);
                _path.RemoveAt(_path.Count - 1);
            }

            _writer.WriteEndArray();
        }

        private IEnumerable<KeyValuePair<string, object?>> Entries(IDictionary dictionary)
        {
            foreach (DictionaryEntry entry in dictionary)
            {
                yield return new KeyValuePair<string, object?>(KeyText(entry.Key), entry.Value);
            }
        }

        /// <summary>A key as text (<see cref="CloudthreadText.Of"/>); a host-wrapped key is unwrapped first.</summary>
        private string KeyText(object key)
        {
            var current = key;
            for (var conversions = 0; !IsScalar(current) && _convertUnknown is not null && conversions < MaxConversions; conversions++)
            {
                var converted = _convertUnknown(current);
                if (converted is null || ReferenceEquals(converted, current))
                {
                    break;
                }

                current = converted;
            }

            return CloudthreadText.Of(current);
        }

        /// <summary>A value written as one JSON string, number or literal (IConvertible covers the primitives, decimal, DateTime and enums).</summary>
        private static bool IsScalar(object value) => value is IConvertible or BigInteger or DateTimeOffset or TimeSpan or Guid or Uri;

        /// <summary>Called when an object or array opens; <see cref="_path"/> then holds the path of that container.</summary>
        private void Enter()
        {
            // Depth of the container being opened = the containers around it + 1 = the path length + 1.
            if (_path.Count >= MaxDepth)
            {
                throw Invalid("is nested more than " + MaxDepth.ToString(CultureInfo.InvariantCulture) + " levels deep (a cycle?)");
            }
        }

        private CloudthreadValidationException NotFinite(double value) =>
            Invalid((double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity") + " is not valid JSON");

        private CloudthreadValidationException Invalid(string message) =>
            new CloudthreadValidationException(new[] { new ValidationIssue(CurrentPath(), message) });

        private string CurrentPath()
        {
            var text = new StringBuilder(_rootPath);
            foreach (var segment in _path)
            {
                if (segment.Key is null)
                {
                    text.Append('[').Append(segment.Index.ToString(CultureInfo.InvariantCulture)).Append(']');
                }
                else if (IsIdentifier(segment.Key))
                {
                    text.Append('.').Append(segment.Key);
                }
                else
                {
                    text.Append("[\"").Append(segment.Key.Replace("\\", "\\\\").Replace("\"", "\\\"")).Append("\"]");
                }
            }

            return text.ToString();
        }

        private static bool IsIdentifier(string key)
        {
            if (key.Length == 0)
            {
                return false;
            }

            foreach (var c in key)
            {
                if (!char.IsLetterOrDigit(c) && c != '_' && c != '-' && c != '$')
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>One step of the path: a property name, or (Key null) an array index.</summary>
        private readonly struct Segment
        {
            public Segment(string? key, int index)
            {
                Key = key;
                Index = index;
            }

            public string? Key { get; }
            public int Index { get; }
        }
    }
}
