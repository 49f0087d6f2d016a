using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using CsvHelper;

namespace Cloudthread.Client.Ingestion
{
    /// <summary>CSV input: the file is streamed record by record through the same column rules as objects.</summary>
    public sealed partial class CustomDataIngestion
    {
        /// <summary>
        /// Reads a CSV file (header row first, comma-separated, UTF-8 unless a byte order mark says otherwise)
        /// and adds every record as a row of strings, exactly as Import-Csv objects piped to Send-CtCustomData
        /// would be. The file is streamed: memory does not grow with its size.
        /// </summary>
        /// <exception cref="CloudthreadValidationException">The header cannot give points (a required column is missing...).</exception>
        public void AddCsv(string path, IReadOnlyList<string>? dimensionColumns = null, CancellationToken cancellationToken = default)
        {
            using var csv = OpenCsv(path, out var length);
            var map = CreateCsvMap(path, csv.Headers, dimensionColumns);
            var values = new object?[map.ColumnNames.Count];
            var cursor = new CsvCursor(csv, values);
            var rows = 0;
            while (csv.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                ReadRecord(csv, values);
                AddRow(map, values, cursor, cancellationToken);
                if ((++rows & 1023) == 0)
                {
                    SetFractionRead(length > 0 ? Math.Min(1, (double)csv.ByteOffset / length) : 1);
                }
            }

            SetFractionRead(1);
        }

        /// <summary>The asynchronous <see cref="AddCsv"/>.</summary>
        public async Task AddCsvAsync(string path, IReadOnlyList<string>? dimensionColumns = null, CancellationToken cancellationToken = default)
        {
            using var csv = OpenCsv(path, out var length);
            await csv.ReadHeaderAsync(cancellationToken).ConfigureAwait(false);
            var map = CreateCsvMap(path, csv.Headers, dimensionColumns);
            var values = new object?[map.ColumnNames.Count];
            var cursor = new CsvCursor(csv, values);
            var rows = 0;
            while (await csv.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                ReadRecord(csv, values);
                await AddRowAsync(map, values, cursor, cancellationToken).ConfigureAwait(false);
                if ((++rows & 1023) == 0)
                {
                    SetFractionRead(length > 0 ? Math.Min(1, (double)csv.ByteOffset / length) : 1);
                }
            }

            SetFractionRead(1);
        }

        /// <summary>Import-Csv's dialect: comma, quotes per RFC 4180, nothing trimmed, ragged records allowed.</summary>
        private static readonly CsvReaderOptions ImportCsvDialect = CreateImportCsvDialect();

        internal static CsvReader OpenCsv(string path, out long length)
        {
            if (string.IsNullOrEmpty(path))
            {
                throw new ArgumentException("A CSV path is required.", nameof(path));
            }

            length = new FileInfo(path).Length;
            return CsvReader.FromFile(path, ImportCsvDialect, FileOptions.SequentialScan);
        }

        private static CsvReaderOptions CreateImportCsvDialect()
        {
            // CsvHelper 34's options are init-only, and its netstandard2.0 and net8+ builds mark init setters
            // differently (IsExternalInit), so an assignment compiled against one build fails to bind to the other
            // at run time (MissingMethodException). Reflection binds to whichever build is loaded.
            var options = new CsvReaderOptions();
            SetOption(options, nameof(CsvReaderOptions.Separator), (char?)',');
            SetOption(options, nameof(CsvReaderOptions.HasHeader), true);
            SetOption(options, nameof(CsvReaderOptions.TrimWhitespace), (bool?)false);
            return options;
        }

        private static void SetOption(CsvReaderOptions options, string name, object? value) =>
            (typeof(CsvReaderOptions).GetProperty(name) ?? throw new MissingMemberException(nameof(CsvReaderOptions), name)).SetValue(options, value);

        internal static CustomDataColumnMap CreateCsvMap(string path, IReadOnlyList<string> header, IReadOnlyList<string>? dimensionColumns)
        {
            if (header.Count == 0)
            {
                throw new CloudthreadValidationException(new[] { new ValidationIssue(Path.GetFileName(path), "has no header row") });
            }

            var map = CustomDataColumnMap.Create(header, dimensionColumns);
            if (map.Problem != null)
            {
                throw new CloudthreadValidationException(new[] { new ValidationIssue(Path.GetFileName(path) + " header, column " + map.ProblemField, map.Problem) });
            }

            return map;
        }

        /// <summary>Copies the record's fields into <paramref name="values"/>; fields missing at the end are null, as Import-Csv gives them.</summary>
        internal static void ReadRecord(CsvReader csv, object?[] values)
        {
            var count = csv.FieldCount;
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = i < count ? csv.GetString(i) : null;
            }
        }

        /// <summary>The record being added, without an object per record: a rejection turns it into a <see cref="CsvRecordSource"/>.</summary>
        internal sealed class CsvCursor
        {
            private readonly CsvReader _csv;
            private readonly object?[] _values;

            public CsvCursor(CsvReader csv, object?[] values)
            {
                _csv = csv;
                _values = values;
            }

            public CsvRecordSource Snapshot() => new CsvRecordSource(_csv.RowNumber, _values);
        }
    }

    /// <summary>A CSV record as reported with a rejection: its number in the file and its fields.</summary>
    public sealed class CsvRecordSource
    {
        private readonly string?[] _fields;

        internal CsvRecordSource(long row, object?[] values)
        {
            Row = row;
            _fields = new string?[values.Length];
            for (var i = 0; i < values.Length; i++)
            {
                _fields[i] = values[i] as string;
            }
        }

        /// <summary>1-based number of the data record (the header not counted).</summary>
        public long Row { get; }

        /// <summary>The record's fields as read (null for a field missing at the end).</summary>
        public IReadOnlyList<string?> Fields => _fields;

        public override string ToString() => "CSV record " + Row.ToString(CultureInfo.InvariantCulture) + ": " + string.Join(",", _fields);
    }
}
