using System;
using System.Collections.Generic;

namespace Cloudthread.Client
{
    /// <summary>
    /// The server answered with an error (after retries), or no answer could be had.
    /// Carries the status, the server's own code and message, the request's method and path
    /// (query strings redacted), and the server's validation details.
    /// </summary>
    public sealed class CloudthreadApiException : CloudthreadException
    {
        public CloudthreadApiException(
            CloudthreadErrorKind kind,
            string message,
            string method,
            string path,
            int? statusCode = null,
            string? errorCode = null,
            string? serverMessage = null,
            IReadOnlyList<ValidationIssue>? details = null,
            int attempts = 1,
            Exception? innerException = null,
            IReadOnlyList<string>? retryReasons = null,
            bool mayHaveBeenProcessed = false)
            : base(kind, message, innerException)
        {
            RetryReasons = retryReasons ?? Array.Empty<string>();
            MayHaveBeenProcessed = mayHaveBeenProcessed;
            Method = method;
            Path = path;
            StatusCode = statusCode;
            ErrorCode = errorCode;
            ServerMessage = serverMessage;
            Details = details ?? Array.Empty<ValidationIssue>();
            Attempts = attempts;
        }

        /// <summary>HTTP status, or null when no response was received.</summary>
        public int? StatusCode { get; }
        /// <summary>The server's error code (<c>ValidationFailed</c>, <c>TeamNotFound</c>...), when it sent one.</summary>
        public string? ErrorCode { get; }
        /// <summary>The server's message, or the plain-text body.</summary>
        public string? ServerMessage { get; }
        public string Method { get; }
        public string Path { get; }
        public IReadOnlyList<ValidationIssue> Details { get; }
        /// <summary>How many attempts were made before giving up.</summary>
        public int Attempts { get; }

        /// <summary>Why each retry was made (one entry per attempt that was retried), e.g. <c>throttled (429)</c>.</summary>
        public IReadOnlyList<string> RetryReasons { get; }

        /// <summary>
        /// True when the server may have processed the request although it failed (a dropped connection, a timeout,
        /// a 5xx other than 503, an answer too large to read): a write may or may not have taken effect. False only
        /// when every attempt's outcome proves it did not (a refused connection, a 4xx or 503 answer).
        /// </summary>
        public bool MayHaveBeenProcessed { get; }
    }
}
