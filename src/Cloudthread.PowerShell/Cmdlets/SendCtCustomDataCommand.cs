using System;
using System.Collections;
using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using System.Runtime.CompilerServices;
using System.Security;
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
    public sealed partial class SendCtCustomDataCommand : CloudthreadCmdlet
    {
        private const string InputObjectSet = "InputObject";
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";
        private const string ValueSet = "Value";
        private const string Activity = "Send-CtCustomData";
        private const long ProgressIntervalTicks = TimeSpan.TicksPerMillisecond * 500;

        private readonly PropertyRowReader _rows = new PropertyRowReader();
        private readonly Stopwatch _sinceProgress = Stopwatch.StartNew();
        private CustomDataIngestion? _ingestion;
        private QueuedLogger? _logger;
        private string? _defaultToken;
        private bool _declined;
        private bool _anyProgress;
        private int _itemsSinceClock;
        private UnconfirmedPoints? _unconfirmed;
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
                _unconfirmed = new UnconfirmedPoints(GetUnresolvedProviderPathFromPSPath(FailedPointsPath));
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
                _unconfirmed = null;
                return;
            }

            // Requests run in the context the engine starts in: this log scope, for the whole invocation.
            var client = Client;
            _logger = CreateLogger();
            using (CloudthreadLogScope.Begin(_logger))
            {
                _ingestion = client.StartCustomDataIngestion(options);
            }
        }

        [MethodImpl(HotPath.CompileOptimized)]
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
                summary = RunWhileWriting(token => Task.FromResult(ingestion.Complete(token)), _logger, () => WriteReports(ingestion));
                if (summary.Cancelled)
                {
                    EndAbnormally();
                    throw new PipelineStoppedException();
                }

                WriteReports(ingestion);
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
    }
}
