using System;

namespace Cloudthread.Client.Models
{
    /// <summary>An event overlaid on cost views and unit metrics (POST /events).</summary>
    public sealed class CloudthreadEvent
    {
        /// <summary>On the hour. A local time is converted to UTC before the check.</summary>
        public DateTime Timestamp { get; set; }
        /// <summary>payload.type: deploy, outage...</summary>
        public string Type { get; set; } = string.Empty;
        /// <summary>payload.description, at most 1000 characters. Null or empty: left out.</summary>
        public string? Description { get; set; }
        /// <summary>payload.event_url: absolute http(s) URL. Null or empty: left out.</summary>
        public string? Url { get; set; }
        /// <summary>
        /// Sent as a JSON number when all digits, else as a string (CONTRACT.md); an id with a leading zero ("007")
        /// stays a string, since as a number it would name another team. Null or empty: no team.
        /// </summary>
        public string? TeamId { get; set; }

        /// <summary>How an event reads where PowerShell shows it as text (an error's TargetObject): "deploy at 2026-01-05 10:00 UTC for team 'platform': v2".</summary>
        public override string ToString()
        {
            var utc = Timestamp.Kind == DateTimeKind.Local ? Timestamp.ToUniversalTime() : Timestamp;
            return Type + " at " + utc.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " UTC"
                + (string.IsNullOrEmpty(TeamId) ? string.Empty : " for team '" + TeamId + "'")
                + (string.IsNullOrEmpty(Description) ? string.Empty : ": " + Description);
        }
    }
}
