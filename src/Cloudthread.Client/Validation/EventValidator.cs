using System;
using System.Collections.Generic;
using System.Globalization;
using Cloudthread.Client.Models;

namespace Cloudthread.Client.Validation
{
    /// <summary>The server's rules for POST /events (CONTRACT.md), checked on every item before anything is sent.</summary>
    internal static class EventValidator
    {
        public const int MaxDescriptionLength = 1000;

        public static void Validate(IReadOnlyList<CloudthreadEvent>? events)
        {
            var issues = new ValidationIssueList();
            if (events is null || events.Count == 0)
            {
                issues.Add("data", "at least one event is required");
                issues.ThrowIfAny();
                return;
            }

            for (var i = 0; i < events.Count; i++)
            {
                ValidateItem(events[i], i, issues);
            }

            issues.ThrowIfAny();
        }

        /// <summary>Checks one event; issue paths and indexes use <paramref name="index"/>, its position in the caller's input.</summary>
        public static void ValidateItem(CloudthreadEvent? item, int index, ValidationIssueList issues)
        {
            var i = index;
            var prefix = ValidationIssueList.Indexed("data", i);
            if (item is null)
            {
                issues.Add(prefix, "is null", i);
                return;
            }

            if (item.Timestamp == default)
            {
                issues.Add(prefix + ".timestamp", "is required", i);
            }
            else if (CloudthreadTimestamp.CheckOnTheHour(item.Timestamp, out _) is string reason)
            {
                issues.Add(prefix + ".timestamp", reason, i);
            }

            issues.Required(item.Type, prefix + ".payload.type", i);

            if (item.Description is { Length: > MaxDescriptionLength })
            {
                issues.Add(prefix + ".payload.description",
                    "is " + item.Description.Length.ToString(CultureInfo.InvariantCulture) + " characters long; at most " +
                    MaxDescriptionLength.ToString(CultureInfo.InvariantCulture) + " are allowed", i);
            }

            if (!string.IsNullOrEmpty(item.Url) && !IsHttpUrl(item.Url!))
            {
                issues.Add(prefix + ".payload.event_url", "'" + ValidationIssueList.Shorten(item.Url!) + "' is not an absolute http or https URL", i);
            }

            if (item.TeamId is { Length: > 0 } teamId && teamId.Trim().Length == 0)
            {
                issues.Add(prefix + ".team_id", "must not be blank", i);
            }
        }

        internal static bool IsHttpUrl(string url) =>
            Uri.TryCreate(url, UriKind.Absolute, out var uri) &&
            (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) &&
            uri.Host.Length > 0;
    }
}
