using System.Collections.Generic;
using System.Net.Http;

namespace Cloudthread.Client.Http
{
    /// <summary>
    /// What the transport tells the handlers about a request, and what the retry handler reports back,
    /// carried in <see cref="HttpRequestMessage.Properties"/> (the netstandard2.0 way).
    /// </summary>
    internal static class RequestProperties
    {
        private const string RetryModeKey = "Cloudthread.RetryMode";
        private const string AttemptsKey = "Cloudthread.Attempts";
        private const string DisplayPathKey = "Cloudthread.DisplayPath";
        private const string RetryReasonsKey = "Cloudthread.RetryReasons";
        private const string MayHaveBeenProcessedKey = "Cloudthread.MayHaveBeenProcessed";

        public static void SetRetryMode(HttpRequestMessage request, RetryMode mode) => request.Properties[RetryModeKey] = mode;

        /// <summary>Idempotent unless the transport said otherwise.</summary>
        public static RetryMode GetRetryMode(HttpRequestMessage request) =>
            request.Properties.TryGetValue(RetryModeKey, out var value) && value is RetryMode mode ? mode : RetryMode.Idempotent;

        public static void SetAttempts(HttpRequestMessage request, int attempts) => request.Properties[AttemptsKey] = attempts;

        public static int GetAttempts(HttpRequestMessage request) =>
            request.Properties.TryGetValue(AttemptsKey, out var value) && value is int attempts ? attempts : 1;

        /// <summary>The path and query as logs and errors show it (already redacted).</summary>
        public static void SetDisplayPath(HttpRequestMessage request, string displayPath) => request.Properties[DisplayPathKey] = displayPath;

        public static string GetDisplayPath(HttpRequestMessage request) =>
            request.Properties.TryGetValue(DisplayPathKey, out var value) && value is string path
                ? path
                : SecretRedactor.RedactPathAndQuery(request.RequestUri?.PathAndQuery ?? string.Empty);
    

        /// <summary>Notes why an attempt is being retried (results and errors report them, not only the log).</summary>
        public static void AddRetryReason(HttpRequestMessage request, string reason)
        {
            if (!(request.Properties.TryGetValue(RetryReasonsKey, out var value) && value is List<string> reasons))
            {
                reasons = new List<string>();
                request.Properties[RetryReasonsKey] = reasons;
            }

            reasons.Add(reason);
        }

        public static IReadOnlyList<string> GetRetryReasons(HttpRequestMessage request) =>
            request.Properties.TryGetValue(RetryReasonsKey, out var value) && value is List<string> reasons ? reasons.ToArray() : System.Array.Empty<string>();

        /// <summary>Once any attempt may have reached the server's processing, the request as a whole may have taken effect.</summary>
        public static void NoteMayHaveBeenProcessed(HttpRequestMessage request) => request.Properties[MayHaveBeenProcessedKey] = true;

        public static bool GetMayHaveBeenProcessed(HttpRequestMessage request) =>
            request.Properties.TryGetValue(MayHaveBeenProcessedKey, out var value) && value is true;
    }
}
