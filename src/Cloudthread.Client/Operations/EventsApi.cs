using System.Collections.Generic;
using System.Net.Http;
using Cloudthread.Client.Http;
using Cloudthread.Client.Models;
using Cloudthread.Client.Serialization;
using Cloudthread.Client.Validation;

namespace Cloudthread.Client.Operations
{
    /// <summary>POST /events: request building.</summary>
    internal static class EventsApi
    {
        public const string Path = "/events";

        /// <summary>Validates every event (all issues at once), then builds the request. Events are not idempotent.</summary>
        public static ApiRequest BuildCreate(IReadOnlyList<CloudthreadEvent>? events, TimestampFormat format)
        {
            EventValidator.Validate(events);
            var body = new CreateEventsWire { Data = new List<EventWire>(events!.Count) };
            foreach (var item in events)
            {
                CloudthreadTimestamp.CheckOnTheHour(item.Timestamp, out var utc);
                body.Data.Add(new EventWire
                {
                    Timestamp = CloudthreadTimestamp.Format(utc, format),
                    TeamId = WireJson.EmptyAsNull(item.TeamId),
                    Payload = new EventPayloadWire
                    {
                        Type = item.Type,
                        Description = WireJson.EmptyAsNull(item.Description),
                        EventUrl = WireJson.EmptyAsNull(item.Url),
                    },
                });
            }

            return new ApiRequest(HttpMethod.Post, Path) { RetryMode = RetryMode.OnlyIfNotProcessed }
                .WithBody(body, CloudthreadJsonContext.Default.CreateEventsWire);
        }
    }
}
