using System;
using Cloudthread.Client.FailedItems;

namespace Cloudthread.PowerShell.Cmdlets
{
    /// <summary>The points not confirmed (-FailedPointsPath), and the one report of a run that ended early.</summary>
    public sealed partial class SendCtCustomDataCommand
    {
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
                _unconfirmed?.Keep(result);
            }

            if (summary.DryRun)
            {
                // Nothing was ever to be stored, and -WhatIf writes no file.
                return;
            }

            // With -Path, a run stopped while reading keeps the rest of the file too.
            var unread = _unconfirmed is not null && _csvPartlyRead is { } path
                ? _unconfirmed.KeepUnreadCsv(path, DimensionProperty, ingestion.NextInputIndex, AggregationFunction)
                : UnconfirmedPoints.NotRead;
            var saved = SaveUnconfirmed(summary.Sent);
            if (UnconfirmedPoints.StopReport(summary, ingestion.NextInputIndex, unread, saved) is { } report)
            {
                WriteWarningEvenIfStopped(report);
            }
        }

        /// <summary>Writes -FailedPointsPath (replacing it); returns the sentence that says where the points are, or null.</summary>
        private string? SaveUnconfirmed(long sent) =>
            _unconfirmed is { } unconfirmed ? SaveFailedItems(unconfirmed.Path, "points", () => unconfirmed.Save(sent)) : null;
    }
}
