using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using Cloudthread.Client.Events;
using Cloudthread.Client.FailedItems;
using Cloudthread.Client.Models;
using Cloudthread.PowerShell.Completers;
using Cloudthread.PowerShell.Infrastructure;

namespace Cloudthread.PowerShell.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Adds events (deployments, outages...) that Cloudthread overlays on cost views and unit metrics.</para>
    /// <para type="description">Takes events from the pipeline by property name (Import-Csv events.csv | Add-CtEvent) and sends them
    /// in batches. An invalid event is reported on its own and the others are still sent.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "CtEvent", HelpUri = HelpLinks.Base + "Add-CtEvent.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(CloudthreadEvent))]
    public sealed class AddCtEventCommand : CloudthreadCmdlet
    {
        private readonly List<FailedEvent> _failed = new List<FailedEvent>();
        private EventBatcher? _batcher;
        private string? _failedEventsFile;
        private bool _failedEventsSaved;

        /// <summary>The event type (payload.type): deploy, outage...</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Type { get; set; } = string.Empty;

        /// <summary>payload.description, at most 1000 characters.</summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        public string? Description { get; set; }

        /// <summary>payload.event_url: an absolute http(s) URL.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("EventUrl")]
        public string? Url { get; set; }

        /// <summary>The team the event belongs to.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(TeamIdCompleter))]
        public string? TeamId { get; set; }

        /// <summary>When it happened, on the hour (a local time is converted to UTC). Default: the start of the current hour.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Time", "Date")]
        public DateTime? Timestamp { get; set; }

        /// <summary>Writes each event sent.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>A CSV file that receives every event not confirmed (with MayHaveBeenStored and FailureReason), for Import-Csv file | Add-CtEvent.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? FailedEventsPath { get; set; }

        protected override string? NotFoundErrorId => ErrorIds.TeamNotFound;

        protected override void BeginProcessing()
        {
            StopOnProcessExit();
            if (FailedEventsPath is not null)
            {
                _failedEventsFile = GetUnresolvedProviderPathFromPSPath(FailedEventsPath);
            }
        }

        protected override void ProcessRecord()
        {
            var item = new CloudthreadEvent
            {
                Type = Type,
                Description = Description,
                Url = string.IsNullOrWhiteSpace(Url) ? null : Url,
                TeamId = string.IsNullOrWhiteSpace(TeamId) ? null : TeamId,
                Timestamp = Timestamp ?? CurrentHour(),
            };
            if (ShouldProcessChange(Describe(item), "Add event"))
            {
                _batcher ??= new EventBatcher(Client);
                if (_batcher.Add(item, item) is { } invalid)
                {
                    WriteClientError(invalid.Error, invalid.Input);
                }
                else if (_batcher.IsBatchFull)
                {
                    SendPending();
                }
            }
        }

        protected override void EndProcessing()
        {
            while (_batcher is { PendingCount: > 0 })
            {
                SendPending();
            }

            if (SaveFailedEvents() is { } saved)
            {
                WriteWarning(saved);
            }
        }

        /// <summary>After a stop or a terminating error: what was in flight may have been stored, what was queued was not; the file says so.</summary>
        protected override void ReleaseResources()
        {
            if (_batcher is { } batcher)
            {
                _failed.AddRange(FailedEvent.LeftBy(batcher));
            }

            if (SaveFailedEvents() is { } saved)
            {
                // The pipeline may be stopped: the host is the one place left to say it.
                Host?.UI?.WriteWarningLine(saved);
            }
        }

        /// <summary>Writes -FailedEventsPath once; returns the line that tells where the events not confirmed are, or null.</summary>
        private string? SaveFailedEvents()
        {
            if (_failedEventsFile is null || _failedEventsSaved)
            {
                return null;
            }

            _failedEventsSaved = true;
            var path = _failedEventsFile;
            return SaveFailedItems(path, "events", () => FailedEventsFile.Save(path, _failed));
        }

        private void SendPending()
        {
            var batcher = _batcher!;
            if (CallClient(token => batcher.SendPendingAsync(token)) is not { } result)
            {
                return;
            }

            // An event the server blamed is refused on its own; a whole-request refusal (401, 5xx...) names all its
            // events. A refusal is all or nothing: its events were not stored, or (no answer proves it) maybe.
            foreach (var refusal in result.Refusals)
            {
                var error = refusal.Error;
                var record = ErrorRecordFactory.FromException(error, refusal.Items.Count == 1 ? refusal.Items[0].Event : refusal.Items.Select(e => e.Event).ToList(), NotFoundErrorId, NotSupportedErrorId);
                var storage = refusal.MayHaveBeenApplied
                    ? "The event(s) may or may not have been stored (no answer proves either): check before sending them again, since a resend of a stored event duplicates it."
                    : "The event(s) were not stored; sending them again is safe.";
                record.ErrorDetails = new ErrorDetails(record.ErrorDetails.Message + Environment.NewLine + storage) { RecommendedAction = record.ErrorDetails.RecommendedAction };
                WriteError(record);
                _failed.AddRange(FailedEvent.Of(refusal));
            }

            if (result.Stored.Count == 0)
            {
                return;
            }

            WriteVerbose("Added " + result.Stored.Count.ToString(CultureInfo.InvariantCulture) + " event(s).");
            if (PassThru)
            {
                WriteObject(result.Stored.Select(e => e.Event).ToList(), enumerateCollection: true);
            }
        }

        private static DateTime CurrentHour()
        {
            var now = DateTime.UtcNow;
            return new DateTime(now.Year, now.Month, now.Day, now.Hour, 0, 0, DateTimeKind.Utc);
        }

        private static string Describe(CloudthreadEvent item) => string.Format(
            CultureInfo.InvariantCulture,
            "'{0}' at {1:yyyy-MM-dd HH:mm} UTC{2}",
            item.Type,
            item.Timestamp.Kind == DateTimeKind.Local ? item.Timestamp.ToUniversalTime() : item.Timestamp,
            item.TeamId is null ? string.Empty : " for team '" + item.TeamId + "'");
    }
}
