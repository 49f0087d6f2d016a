using System;
using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using Cloudthread.Client;
using Cloudthread.Client.Ingestion;
using Cloudthread.Client.Models;
using Cloudthread.PowerShell.Infrastructure;

namespace Cloudthread.PowerShell.Cmdlets
{
    /// <summary>What the engine reports (rejected points, finished requests, progress), written on the pipeline thread.</summary>
    public sealed partial class SendCtCustomDataCommand
    {
        /// <summary>Writes rejected points and finished requests as errors/objects, and progress. Pipeline thread only.</summary>
        private void WriteReports(CustomDataIngestion ingestion, double? fraction = null)
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
                _unconfirmed?.Keep(result);
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

        private void WriteBatchError(CustomDataRequestResult result)
        {
            var error = result.Error ?? new CloudthreadException(CloudthreadErrorKind.Unknown, "The request failed.");
            var message = "Request " + result.Sequence.ToString(CultureInfo.InvariantCulture) + " (" + result.Describe() + ") failed: " + error.Message +
                (result.MayHaveBeenStored
                    ? " Its points may or may not have been stored (no answer proves either); sending them again is safe (ingest is an upsert)."
                    : " Its points were not stored (the server's answer proves it).")
                + " They are this error's TargetObject" + (_unconfirmed is null ? "." : " and are written to -FailedPointsPath.");
            // The category follows the module-wide mapping; the id says which operation failed.
            var category = ErrorRecordFactory.Classify(error.Kind, error, error as CloudthreadApiException, null, null).Category;
            var record = new ErrorRecord(error, ErrorIds.CustomDataBatchFailed, category, result.Points)
            {
                ErrorDetails = new ErrorDetails(message),
            };
            WriteError(record);
        }
    }
}
