using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using Cloudthread.Client;
using Cloudthread.Client.FailedItems;
using Cloudthread.Client.Ingestion;
using Cloudthread.Client.Models;
using Cloudthread.PowerShell.Infrastructure;

namespace Cloudthread.PowerShell.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Sends custom-data points to a Cloudthread data stream, batched, in parallel, streamed.</para>
    /// <para type="description">
    /// Points come from the pipeline (objects or Import-Csv rows with Timestamp, MetricName, MetricValue and
    /// dimension properties), from -InputObject given an array (fastest for objects already in memory), from
    /// -Path to a CSV file (fastest of all: read by the engine, never turned into objects), or from -MetricName,
    /// -MetricValue and -Timestamp. Points are grouped into requests by data stream token and aggregation
    /// function, at most -BatchSize points and -MaxRequestBytes bytes each, -ThrottleLimit in flight.
    /// An invalid point is reported (InvalidCustomDataPoint) and skipped; a request that fails after retries is
    /// reported (CustomDataBatchFailed) with its points as the error's TargetObject, and -FailedPointsPath keeps
    /// every point not confirmed in a CSV that -Path takes back. However it ends (Ctrl+C, a terminating error),
    /// a stopped run says what was stored, what may have been, and what was not.
    /// </para>
    /// </summary>
    [Cmdlet(VerbsCommunications.Send, "CtCustomData", HelpUri = HelpLinks.Base + "Send-CtCustomData.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, DefaultParameterSetName = InputObjectSet)]
    [OutputType(typeof(IngestSummary), typeof(CustomDataRequestResult))]
    public sealed class SendCtCustomDataCommand : CloudthreadCmdlet
    {
        private const string InputObjectSet = "InputObject";
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";
        private const string ValueSet = "Value";
        private const string Activity = "Send-CtCustomData";
        private const long ProgressIntervalTicks = TimeSpan.TicksPerMillisecond * 500;

        private readonly PropertyRowReader _rows = new PropertyRowReader();
        private readonly List<KeyValuePair<CustomDataPoint, string>> _unconfirmed = new List<KeyValuePair<CustomDataPoint, string>>();
        private readonly Stopwatch _sinceProgress = Stopwatch.StartNew();
        private CustomDataIngestion? _ingestion;
        private QueuedLogger? _logger;
        private string? _defaultToken;
        private bool _declined;
        private bool _anyProgress;
        private int _itemsSinceClock;
        private string? _failedPointsFile;
        private string? _csvPartlyRead;
        private bool _ended;

        /// <summary>
        /// <para type="description">Points: objects with Timestamp, MetricName and MetricValue properties (or aliases) and dimension properties, hashtables with those keys, or CustomDataPoint objects. Piped one by one, or given as an array.</para>
        /// </summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
        [AllowNull]
        [AllowEmptyCollection]
        public PSObject?[]? InputObject { get; set; }

        /// <summary><para type="description">CSV files (comma-separated, header row), wildcards allowed, read and sent without becoming objects, all in one ingestion. Same column rules as objects.</para></summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string[] Path { get; set; } = Array.Empty<string>();

        /// <summary><para type="description">CSV files taken as written (no wildcards), also by property name (PSPath). All files make one ingestion. Files piped in (Get-ChildItem *.csv | Send-CtCustomData) are read the same way.</para></summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = LiteralPathSet)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = Array.Empty<string>();

        /// <summary><para type="description">One point's metric name.</para></summary>
        [Parameter(Mandatory = true, ParameterSetName = ValueSet)]
        [ValidateNotNullOrEmpty]
        public string MetricName { get; set; } = string.Empty;

        /// <summary><para type="description">One point's value.</para></summary>
        [Parameter(Mandatory = true, ParameterSetName = ValueSet)]
        public double MetricValue { get; set; }

        /// <summary><para type="description">One point's time, on the hour (a local time is converted to UTC).</para></summary>
        [Parameter(Mandatory = true, ParameterSetName = ValueSet)]
        public DateTime Timestamp { get; set; }

        /// <summary><para type="description">One point's dimensions: a hashtable of name to value (at most 10).</para></summary>
        [Parameter(ParameterSetName = ValueSet)]
        public Hashtable? Dimension { get; set; }

        /// <summary><para type="description">Aggregation function of points that do not carry one (default Sum). Mixed input is grouped into separate requests.</para></summary>
        [Parameter]
        public AggregationFunction AggregationFunction { get; set; } = AggregationFunction.Sum;

        /// <summary><para type="description">The data stream token, instead of the connection's (Connect-Cloudthread -DataStreamToken) or $env:CLOUDTHREAD_DATA_STREAM_TOKEN.</para></summary>
        [Parameter]
        public SecureString? DataStreamToken { get; set; }

        /// <summary><para type="description">The columns or properties to take dimensions from. Without it, every column that is not the timestamp, metric name, value, aggregation function or token is a dimension. With it, objects after the first of a shape are read by name, which is faster.</para></summary>
        [Parameter(ParameterSetName = InputObjectSet)]
        [Parameter(ParameterSetName = PathSet)]
        [Parameter(ParameterSetName = LiteralPathSet)]
        [ValidateNotNullOrEmpty]
        [ValidateCount(1, CustomDataPoint.MaxDimensions)]
        public string[]? DimensionProperty { get; set; }

        /// <summary><para type="description">Points per request, at most (default 1000).</para></summary>
        [Parameter]
        [ValidateRange(1, 100000)]
        public int BatchSize { get; set; } = CustomDataIngestOptions.DefaultMaxPointsPerRequest;

        /// <summary><para type="description">JSON bytes per request, at most (default 1 MiB). A single larger point is sent alone.</para></summary>
        [Parameter]
        [ValidateRange(CustomDataIngestOptions.SmallestMaxBytesPerRequest, 100 * 1024 * 1024)]
        public int MaxRequestBytes { get; set; } = CustomDataIngestOptions.DefaultMaxBytesPerRequest;

        /// <summary><para type="description">Requests in flight at once (default 4).</para></summary>
        [Parameter]
        [ValidateRange(1, CustomDataIngestOptions.LargestMaxConcurrentRequests)]
        public int ThrottleLimit { get; set; } = CustomDataIngestOptions.DefaultMaxConcurrentRequests;

        /// <summary><para type="description">Gzip request bodies (Content-Encoding: gzip). Not documented by the published API; the emulator accepts it.</para></summary>
        [Parameter]
        public SwitchParameter Compress { get; set; }

        /// <summary><para type="description">Write one result per request (CustomDataRequestResult) and the summary (IngestSummary) at the end.</para></summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary><para type="description">A CSV file that receives every point not confirmed, with its FailureReason, however the run ends; Send-CtCustomData -Path takes it back as it is. Tokens are never written.</para></summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? FailedPointsPath { get; set; }

        protected override void BeginProcessing()
        {
            StopOnProcessExit();
            if (FailedPointsPath is not null)
            {
                _failedPointsFile = GetUnresolvedProviderPathFromPSPath(FailedPointsPath);
            }

            _defaultToken = SecureStrings.ToPlainText(DataStreamToken) ?? DefaultDataStreamToken;
            var options = new CustomDataIngestOptions
            {
                DataStreamToken = _defaultToken,
                AggregationFunction = AggregationFunction,
                MaxPointsPerRequest = BatchSize,
                MaxBytesPerRequest = MaxRequestBytes,
                MaxConcurrentRequests = ThrottleLimit,
                Compress = Compress.IsPresent,
                ReportAllRequests = PassThru.IsPresent,
            };

            var description = string.Format(
                CultureInfo.InvariantCulture,
                "Sending custom data to Cloudthread in requests of at most {0} points ({1} at a time).",
                BatchSize,
                ThrottleLimit);
            if (!ShouldProcessChange(description, "Send custom data to Cloudthread?", "Send-CtCustomData", out var reason))
            {
                if (reason != ShouldProcessReason.WhatIf)
                {
                    _declined = true;
                    return;
                }

                // -WhatIf: form the requests and list each one, send nothing, need no connection, write no file.
                _ingestion = CustomDataIngestion.StartDryRun(options);
                _failedPointsFile = null;
                return;
            }

            // Requests run in the context the engine starts in: this log scope, for the whole invocation.
            var client = Client;
            _logger = CreateLogger();
            using (LogScope())
            {
                _ingestion = client.StartCustomDataIngestion(options);
            }
        }

        protected override void ProcessRecord()
        {
            if (_declined || _ingestion is null)
            {
                return;
            }

            try
            {
                switch (ParameterSetName)
                {
                    case PathSet:
                        AddCsvFiles(_ingestion, Path, literal: false);
                        break;
                    case LiteralPathSet:
                        AddCsvFiles(_ingestion, LiteralPath, literal: true);
                        break;
                    case ValueSet:
                        AddValue(_ingestion);
                        break;
                    default:
                        AddObjects(_ingestion);
                        break;
                }
            }
            catch (Exception ex)
            {
                EndAbnormally();
                if (ex is OperationCanceledException && CancellationToken.IsCancellationRequested)
                {
                    throw new PipelineStoppedException();
                }

                throw;
            }
        }

        protected override void EndProcessing()
        {
            if (_declined || _ingestion is null)
            {
                return;
            }

            var ingestion = _ingestion;
            IngestSummary summary;
            try
            {
                using (var completion = CancellationTokenSource.CreateLinkedTokenSource(CancellationToken))
                {
                    var token = completion.Token;
                    var completing = Task.Run(() => ingestion.Complete(token));
                    Pump(ingestion, completing, completion);
                    summary = completing.GetAwaiter().GetResult();
                }

                if (summary.Cancelled)
                {
                    EndAbnormally();
                    throw new PipelineStoppedException();
                }

                Drain(ingestion);
            }
            catch
            {
                EndAbnormally();
                throw;
            }

            _ended = true;
            if (SaveUnconfirmed(ingestion.GetProgress().Sent) is { } saved)
            {
                WriteWarning(saved);
            }

            if (_anyProgress)
            {
                WriteProgress(new ProgressRecord(1, Activity, "Done") { RecordType = ProgressRecordType.Completed });
            }

            WriteVerbose("Send-CtCustomData: " + summary);
            if (PassThru.IsPresent)
            {
                WriteObject(summary);
            }
        }

        protected override void ReleaseResources()
        {
            // The pipeline stopped between records (Ctrl+C while an upstream command ran): the report is still due.
            EndAbnormally();
            _ingestion?.Dispose();
            _ingestion = null;
            _logger?.Dispose();
            _logger = null;
        }

        private void AddObjects(CustomDataIngestion ingestion)
        {
            var items = InputObject;
            if (items is null)
            {
                ingestion.Add(null!, null, CancellationToken);
                Drain(ingestion);
                return;
            }

            // -InputObject with an array arrives here in one call: report progress against its length.
            var total = items.Length > 1 ? items.Length : 0;
            for (var i = 0; i < items.Length; i++)
            {
                AddObject(ingestion, items[i]);
                if (ingestion.HasReports || ((++_itemsSinceClock & 63) == 0 && ProgressDue()))
                {
                    Drain(ingestion, total > 0 ? (double)i / total : (double?)null);
                }
            }
        }

        private void AddObject(CustomDataIngestion ingestion, PSObject? item)
        {
            switch (item?.BaseObject)
            {
                case null:
                    ingestion.Add(null!, item, CancellationToken);
                    return;
                case CustomDataPoint point:
                    ingestion.Add(point, item, CancellationToken);
                    return;
                case System.IO.FileInfo file:
                    // Get-ChildItem *.csv | Send-CtCustomData: a file piped in binds -InputObject (any object does, and
                    // PowerShell picks that set over -LiteralPath), so it is read here as -LiteralPath would read it.
                    AddCsvFiles(ingestion, new[] { file.FullName }, literal: true);
                    return;
            }

            CustomDataColumnMap map;
            object?[] values;
            try
            {
                map = _rows.Read(item, DimensionProperty, out values);
            }
            catch (GetValueException ex)
            {
                // A script property that throws: this item is bad, the rest go on.
                WriteError(new ErrorRecord(ex, ErrorIds.InvalidCustomDataPoint, ErrorCategory.InvalidData, item));
                return;
            }

            ingestion.AddRow(map, values, item, CancellationToken);
        }

        private void AddValue(CustomDataIngestion ingestion)
        {
            var point = new CustomDataPoint(Timestamp, MetricName, MetricValue);
            if (Dimension != null)
            {
                foreach (DictionaryEntry entry in Dimension)
                {
                    point.Dimensions[PSValues.Text(entry.Key)] = PSValues.Text(entry.Value);
                }
            }

            ingestion.Add(point, point, CancellationToken);
            Drain(ingestion);
        }

        /// <summary>
        /// Resolves every path first (wildcards for -Path, as written for -LiteralPath) and stops with CsvPathNotFound
        /// before anything is read when one names no file, then adds each file to the one ingestion in turn.
        /// </summary>
        private void AddCsvFiles(CustomDataIngestion ingestion, string[] paths, bool literal)
        {
            var files = new List<(string File, string Given)>();
            foreach (var given in paths)
            {
                foreach (var file in Resolve(given, literal))
                {
                    files.Add((file, given));
                }
            }

            foreach (var (file, given) in files)
            {
                AddCsv(ingestion, file, given);
            }
        }

        private List<string> Resolve(string given, bool literal)
        {
            var found = new List<string>();
            Exception? failure = null;
            try
            {
                if (literal || !WildcardPattern.ContainsWildcardCharacters(given))
                {
                    found.Add(GetUnresolvedProviderPathFromPSPath(given));
                }
                else
                {
                    found.AddRange(GetResolvedProviderPathFromPSPath(given, out _));
                }
            }
            catch (Exception ex) when (ex is ItemNotFoundException or ProviderNotFoundException or DriveNotFoundException or NotSupportedException)
            {
                failure = ex;
            }

            found.RemoveAll(f => !System.IO.File.Exists(f));
            if (failure is not null || found.Count == 0)
            {
                ThrowTerminatingError(new ErrorRecord(
                    failure ?? new System.IO.FileNotFoundException("Cannot find a CSV file at '" + given + "'.", given),
                    ErrorIds.CsvPathNotFound,
                    ErrorCategory.ObjectNotFound,
                    given));
            }

            return found;
        }

        private void AddCsv(CustomDataIngestion ingestion, string path, string given)
        {
            // The engine reads the file on a worker while this thread writes errors and progress.
            var dimensions = DimensionProperty;
            using var reading = CancellationTokenSource.CreateLinkedTokenSource(CancellationToken);
            var token = reading.Token;
            var worker = Task.Run(() => ingestion.AddCsv(path, dimensions, token), token);
            _csvPartlyRead = path;
            Pump(ingestion, worker, reading);
            try
            {
                worker.GetAwaiter().GetResult();
                _csvPartlyRead = null;
            }
            catch (CloudthreadValidationException ex)
            {
                ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.InvalidCustomDataCsv, ErrorCategory.InvalidData, given));
            }
        }

        /// <summary>
        /// Writes what the engine reported while <paramref name="work"/> (the only producer meanwhile) runs on a worker,
        /// then once more. If writing fails (the pipeline stops, a terminating error), the work is stopped and
        /// awaited first, so that nothing else touches the engine afterwards.
        /// </summary>
        private void Pump(CustomDataIngestion ingestion, Task work, CancellationTokenSource workCancellation)
        {
            var done = ((IAsyncResult)work).AsyncWaitHandle;
            try
            {
                while (!done.WaitOne(200))
                {
                    Drain(ingestion);
                }

                Drain(ingestion);
            }
            catch
            {
                workCancellation.Cancel();
                done.WaitOne();
                throw;
            }
        }

        /// <summary>Writes rejected points and finished requests as errors/objects, and progress. Pipeline thread only.</summary>
        private void Drain(CustomDataIngestion ingestion, double? fraction = null)
        {
            if (_logger != null)
            {
                WriteQueuedLogLines(_logger);
            }

            while (ingestion.TryTakeRejection(out var rejection))
            {
                if (_defaultToken is null && rejection.Code == CustomDataRejectionCode.MissingDataStreamToken)
                {
                    ThrowTerminatingError(new ErrorRecord(
                        new InvalidOperationException("No data stream token: pass -DataStreamToken, run Connect-Cloudthread -DataStreamToken, or set $env:CLOUDTHREAD_DATA_STREAM_TOKEN."),
                        ErrorIds.DataStreamTokenMissing,
                        ErrorCategory.InvalidArgument,
                        null));
                }

                var message = rejection + (rejection.Input is CsvRecordSource ? ". The record was skipped." : ". The item was skipped.");
                WriteError(new ErrorRecord(new ArgumentException(message), ErrorIds.InvalidCustomDataPoint, ErrorCategory.InvalidData, rejection.Input));
            }

            while (ingestion.TryTakeRequestResult(out var result))
            {
                KeepUnconfirmed(result);
                switch (result.Status)
                {
                    case CustomDataRequestStatus.Failed:
                        WriteBatchError(result);
                        break;
                    case CustomDataRequestStatus.Planned:
                        ShouldProcessChange(result.Describe(), "Send custom data");
                        break;
                }

                if (PassThru.IsPresent && result.Status != CustomDataRequestStatus.Planned)
                {
                    WriteObject(result);
                }
            }

            if (ProgressDue())
            {
                _sinceProgress.Restart();
                var progress = ingestion.GetProgress();
                var percent = fraction ?? progress.FractionRead;
                _anyProgress = true;
                WriteProgress(new ProgressRecord(1, Activity, progress.ToString())
                {
                    PercentComplete = percent is { } p ? (int)Math.Min(100, p * 100) : -1,
                });
            }
        }

        /// <summary>Half a second since the last progress record. Per item, asked every 64 items only: the clock showed in profiles of piped input.</summary>
        private bool ProgressDue() => _sinceProgress.ElapsedTicks * TimeSpan.TicksPerSecond / Stopwatch.Frequency >= ProgressIntervalTicks;

        /// <summary>Routes the client's request lines to this invocation's -Verbose/-Debug (none for -WhatIf).</summary>
        private IDisposable? LogScope() => _logger is null ? null : CloudthreadLogScope.Begin(_logger);

        private void WriteBatchError(CustomDataRequestResult result)
        {
            var error = result.Error ?? new CloudthreadException(CloudthreadErrorKind.Unknown, "The request failed.");
            var message = "Request " + result.Sequence.ToString(CultureInfo.InvariantCulture) + " (" + result.Describe() + ") failed: " + error.Message +
                (result.MayHaveBeenStored
                    ? " Its points may or may not have been stored (no answer proves either); sending them again is safe (ingest is an upsert)."
                    : " Its points were not stored (the server's answer proves it).")
                + " They are this error's TargetObject" + (_failedPointsFile is null ? "." : " and are written to -FailedPointsPath.");
            // The category follows the module-wide mapping; the id says which operation failed.
            var category = ErrorRecordFactory.Classify(error.Kind, error, error as CloudthreadApiException, null, null).Category;
            var record = new ErrorRecord(error, ErrorIds.CustomDataBatchFailed, category, result.Points)
            {
                ErrorDetails = new ErrorDetails(message),
            };
            WriteError(record);
        }

        /// <summary>
        /// However the run ends early (Ctrl+C, .Stop(), a terminating error, a stop between records): stops the engine,
        /// keeps every point not confirmed (in -FailedPointsPath), and gives the one report of what was stored, what
        /// may have been and what was not. Once; the pipeline may no longer take output, so the host is the fallback.
        /// </summary>
        private void EndAbnormally()
        {
            if (_ended || _declined || _ingestion is not { } ingestion)
            {
                return;
            }

            _ended = true;
            var summary = ingestion.Cancel();
            while (ingestion.TryTakeRequestResult(out var result))
            {
                KeepUnconfirmed(result);
            }

            var unread = summary.DryRun ? "input after that was not read" : KeepUnreadCsv(ingestion.NextInputIndex);
            var saved = summary.DryRun ? null : SaveUnconfirmed(summary.Sent);
            if (summary.DryRun || summary.Accepted == 0)
            {
                // Nothing was ever to be stored (a dry run, or stopped before the first valid point): nothing to report.
                return;
            }

            var message = string.Format(
                CultureInfo.InvariantCulture,
                "Send-CtCustomData stopped after {5} input item(s): {0} point(s) stored (confirmed), {1} may or may not have been stored (in flight, or failed without an answer that proves either), {2} not stored (not sent, or refused); {3} invalid item(s) skipped; {6}. {4}",
                summary.Sent,
                summary.MayHaveBeenStored,
                summary.NotStored,
                summary.Rejected,
                saved ?? (summary.Sent == summary.Accepted
                    ? string.Empty
                    : "Sending the points not confirmed again is safe (ingest is an upsert); -FailedPointsPath keeps them in a file that -Path takes back."),
                ingestion.NextInputIndex,
                unread);
            WriteWarningEvenIfStopped(message.TrimEnd());
        }

        /// <summary>
        /// With -Path and -FailedPointsPath, a run stopped while reading keeps the rest of the file too (as points, so
        /// that one resend finishes the whole file); returns what the report says of the input not read.
        /// </summary>
        private string KeepUnreadCsv(long recordsRead)
        {
            if (_failedPointsFile is null || _csvPartlyRead is not { } path)
            {
                return "input after that was not read";
            }

            IReadOnlyList<CustomDataPoint> rest;
            long invalid;
            try
            {
                rest = UnreadCsvPoints.Read(path, DimensionProperty, recordsRead, AggregationFunction, out invalid);
            }
            catch (Exception ex) when (ex is System.IO.IOException or UnauthorizedAccessException or CloudthreadException)
            {
                return "input after that was not read (and could not be read for -FailedPointsPath: " + ex.Message + ")";
            }

            foreach (var point in rest)
            {
                _unconfirmed.Add(new KeyValuePair<CustomDataPoint, string>(point, "not read: the run stopped first (not stored)"));
            }

            return string.Format(
                CultureInfo.InvariantCulture, "{0} more point(s) of the file were not read ({1} invalid record(s) of them left out)", rest.Count, invalid);
        }

        /// <summary>Keeps the points of a failed or cancelled request, with why, for -FailedPointsPath.</summary>
        private void KeepUnconfirmed(CustomDataRequestResult result)
        {
            if (_failedPointsFile is null || FailedPointsFile.ReasonOf(result) is not { } reason)
            {
                return;
            }

            foreach (var point in result.Points)
            {
                _unconfirmed.Add(new KeyValuePair<CustomDataPoint, string>(point, reason));
            }
        }

        /// <summary>Writes -FailedPointsPath (replacing it); returns the sentence that says where the points are, or null.</summary>
        private string? SaveUnconfirmed(long sent)
        {
            if (_failedPointsFile is null)
            {
                return null;
            }

            IReadOnlyList<KeyValuePair<string, int>> files;
            try
            {
                files = FailedPointsFile.Write(_failedPointsFile, _unconfirmed);
            }
            catch (Exception ex) when (ex is System.IO.IOException or UnauthorizedAccessException or System.Security.SecurityException)
            {
                WriteFailedItemsFileError(_failedPointsFile, "The points not confirmed could not be written to '" + _failedPointsFile + "': " + ex.Message, ex);
                return null;
            }

            if (_unconfirmed.Count == 0)
            {
                return null;
            }

            var commands = string.Join("; ", files.Select(file => "Send-CtCustomData -Path '" + file.Key + "'"));
            return string.Format(
                CultureInfo.InvariantCulture,
                "{0} point(s) not confirmed ({1} stored) are in {2}; send them again with: {3}",
                _unconfirmed.Count,
                sent,
                string.Join(", ", files.Select(file => "'" + file.Key + "' (" + file.Value.ToString(CultureInfo.InvariantCulture) + ")")),
                commands);
        }

        /// <summary>
        /// Reads an object's property names and values into reused buffers (the PowerShell part); which map a set
        /// of names gets is the client's <see cref="CustomDataColumnMapCache"/>. With named dimensions, an object of
        /// the last shape is read by name as the map's <see cref="CustomDataColumnReadPlan"/> says: listing a new
        /// object's properties costs PowerShell many times what looking up the few a point needs does.
        /// </summary>
        private sealed class PropertyRowReader
        {
            private readonly List<string> _names = new List<string>();
            private object?[] _values = new object?[16];
            private CustomDataColumnMapCache? _maps;
            private CustomDataColumnMap? _last;

            public CustomDataColumnMap Read(PSObject item, IReadOnlyList<string>? dimensionProperties, out object?[] values)
            {
                if (_last?.ReadByName is { } plan && item.BaseObject is not IDictionary && TryReadByName(item, _last, plan))
                {
                    values = _values;
                    return _last;
                }

                _names.Clear();
                var count = 0;
                if (item.BaseObject is IDictionary dictionary)
                {
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        Put(ref count, PSValues.Text(entry.Key), entry.Value);
                    }
                }
                else
                {
                    foreach (var property in item.Properties)
                    {
                        if (property.IsGettable)
                        {
                            Put(ref count, property.Name, property.Value);
                        }
                    }
                }

                Array.Clear(_values, count, _values.Length - count);
                values = _values;
                _maps ??= new CustomDataColumnMapCache(dimensionProperties);
                return _last = _maps.Get(_names);
            }

            /// <summary>False when the object is not of the map's shape (a column missing, a part it lacks present): read it in full.</summary>
            private bool TryReadByName(PSObject item, CustomDataColumnMap map, CustomDataColumnReadPlan plan)
            {
                var properties = item.Properties;
                foreach (var name in plan.AbsentPartNames)
                {
                    if (properties[name] is not null)
                    {
                        return false;
                    }
                }

                Array.Clear(_values, 0, _values.Length);
                foreach (var column in plan.Columns)
                {
                    var property = properties[map.ColumnNames[column]];
                    if (property is null || !property.IsGettable)
                    {
                        return false;
                    }

                    var value = property.Value;
                    _values[column] = value is PSObject wrapped ? wrapped.BaseObject : value;
                }

                return true;
            }

            private void Put(ref int count, string name, object? value)
            {
                if (count == _values.Length)
                {
                    Array.Resize(ref _values, _values.Length * 2);
                }

                _names.Add(name);
                _values[count++] = value is PSObject wrapped ? wrapped.BaseObject : value;
            }
        }
    }
}
