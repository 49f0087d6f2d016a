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
    }
}
