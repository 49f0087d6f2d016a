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
        /// <summary>payload.description, at most 1000 characters.</summary>
        public string? Description { get; set; }
        /// <summary>payload.event_url: absolute http(s) URL.</summary>
        public string? Url { get; set; }
        /// <summary>Sent as a JSON number when all digits, else as a string (CONTRACT.md).</summary>
        public string? TeamId { get; set; }
    }
}
