using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.CompilerServices;
using System.Threading;
using Cloudthread.Client.Models;

namespace Cloudthread.Client.Ingestion
{
    /// <summary>CSV input: the file is streamed record by record through the same column rules as objects.</summary>
    public sealed partial class CustomDataIngestion
    {
        /// <summary>
        /// Reads a CSV file (header row first, comma-separated, UTF-8 unless a byte order mark says otherwise)
        /// and adds every record as a row of strings, as Import-Csv objects piped to Send-CtCustomData would be,
        /// but strictly: a record with more fields than the header, or with broken quoting (a quote not closed on
        /// its line, a stray quote), is rejected on its own with its file and line, and the next line goes on.
        /// The file is streamed: memory does not grow with its size.
        /// </summary>
        /// <exception cref="CloudthreadValidationException">The header cannot give points (a required column is missing...).</exception>
        [MethodImpl(HotPath.CompileOptimized)]
        public void AddCsv(string path, IReadOnlyList<string>? dimensionColumns = null, CancellationToken cancellationToken = default)
        {
            using var csv = OpenCsv(path, out var length);
            var map = CreateCsvMap(path, csv.Headers, dimensionColumns);
            var values = new object?[map.ColumnNames.Count];
            var cursor = new CsvCursor(csv, values, Path.GetFileName(path));
            var rows = 0;
            while (csv.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!TryReadRecord(csv, values, out var reason))
                {
                    Reject(NextIndex(), new CustomDataPointRejection(CustomDataRejectionCode.MalformedCsvRecord, string.Empty, reason), cursor);
                }
                else
                {
                    AddRow(map, values, cursor, cancellationToken);
                }

                if ((++rows & 1023) == 0)
                {
                    _counters.FractionRead = length > 0 ? Math.Min(1, (double)csv.ByteOffset / length) : 1;
                }
            }

            _counters.FractionRead = 1;
        }

        private CsvRecordReader OpenCsv(string path, out long length)
        {
            var file = Path.GetFileName(path ?? string.Empty);
            return OpenCsv(path!, record => RejectMalformed(file, record), out length);
        }

        /// <summary>
        /// Opens a CSV file in the ingestion's dialect (see <see cref="CsvRecordReader"/>: Import-Csv's, made strict)
        /// and reads its header; <paramref name="onMalformed"/> hears of each record it skips.
        /// </summary>
        internal static CsvRecordReader OpenCsv(string path, Action<CsvRecordReader> onMalformed, out long length)
        {
            if (string.IsNullOrEmpty(path))
            {
                throw new ArgumentException("A CSV path is required.", nameof(path));
            }

            length = new FileInfo(path).Length;
            return CsvRecordReader.Open(path, onMalformed);
        }

        /// <summary>A record the reader skipped for its quoting: one rejection, with the file, line and raw text.</summary>
        private void RejectMalformed(string file, CsvRecordReader record)
        {
            var reason = record.Problem switch
            {
                CsvRecordReader.QuoteProblem.NotClosedOnItsLine => "a quoted field is not closed on its line (a field's closing quote is missing)",
                CsvRecordReader.QuoteProblem.StrayQuote => "a quote inside an unquoted field (quote the field and double the quote: \"\")",
                CsvRecordReader.QuoteProblem.TextAfterClosingQuote => "text after a closing quote",
                _ => "the record is malformed (" + record.Problem + ")",
            };
            Reject(NextIndex(), new CustomDataPointRejection(CustomDataRejectionCode.MalformedCsvRecord, string.Empty, reason), new CsvRecordSource(file, record.LineNumber, record.RowNumber, new object?[] { record.RawRecord }));
        }

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

        /// <summary>
        /// Copies the record's fields into <paramref name="values"/>; fields missing at the end are null, as Import-Csv
        /// gives them. False when the record has more fields than the header (Import-Csv would drop the extra value
        /// without a word), with the reason (empty on success).
        /// </summary>
        [MethodImpl(HotPath.CompileOptimized)]
        internal static bool TryReadRecord(CsvRecordReader csv, object?[] values, out string reason)
        {
            var count = csv.FieldCount;
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = i < count ? csv.GetString(i) : null;
            }

            reason = string.Empty;
            if (count <= values.Length)
            {
                return true;
            }

            var extra = csv.GetString(values.Length);
            reason = "has " + count.ToString(CultureInfo.InvariantCulture) + " fields but the header has " + values.Length.ToString(CultureInfo.InvariantCulture) +
                " columns: '" + (extra.Length > 40 ? extra.Substring(0, 40) + "..." : extra) + "' has no column (a comma too many, or a value that needs quotes)";
            return false;
        }

        /// <summary>The record being added, without an object per record: a rejection turns it into a <see cref="CsvRecordSource"/>.</summary>
        internal sealed class CsvCursor
        {
            private readonly CsvRecordReader _csv;
            private readonly object?[] _values;

            private readonly string _file;

            public CsvCursor(CsvRecordReader csv, object?[] values, string file)
            {
                _csv = csv;
                _values = values;
                _file = file;
            }

            public CsvRecordSource Snapshot() => new CsvRecordSource(_file, _csv.LineNumber, _csv.RowNumber, _values);
        }
    }

    /// <summary>A CSV record as reported with a rejection: its file, line and number, and its fields.</summary>
    public sealed class CsvRecordSource
    {
        private readonly string?[] _fields;

        internal CsvRecordSource(string file, long line, long row, object?[] values)
        {
            File = file;
            Line = line;
            Row = row;
            _fields = new string?[values.Length];
            for (var i = 0; i < values.Length; i++)
            {
                _fields[i] = values[i] as string;
            }
        }

        /// <summary>The file's name (without its folder).</summary>
        public string File { get; }

        /// <summary>1-based line of the file where the record starts (the header is line 1), as an editor shows it.</summary>
        public long Line { get; }

        /// <summary>1-based number of the data record (the header not counted).</summary>
        public long Row { get; }

        /// <summary>The record's fields as read (null for a field missing at the end).</summary>
        public IReadOnlyList<string?> Fields => _fields;

        /// <summary>"usage.csv, line 3".</summary>
        public string Location => File + ", line " + Line.ToString(CultureInfo.InvariantCulture);

        public override string ToString() => Location + ": " + string.Join(",", _fields);
    }
}
