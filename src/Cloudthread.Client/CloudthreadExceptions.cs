using System;
using System.Collections.Generic;

namespace Cloudthread.Client
{
    /// <summary>What went wrong, in terms a caller can act on (a cmdlet maps it to an ErrorCategory).</summary>
    public enum CloudthreadErrorKind
    {
        Unknown,
        /// <summary>401: missing or unknown API key.</summary>
        Authentication,
        /// <summary>403: the key may not do this.</summary>
        PermissionDenied,
        /// <summary>404: the resource (or one it names) does not exist.</summary>
        NotFound,
        /// <summary>400 from the server, or client-side validation before sending.</summary>
        Validation,
        /// <summary>413: the request body is too large.</summary>
        PayloadTooLarge,
        /// <summary>429 still answered after the retries.</summary>
        Throttled,
        /// <summary>5xx still answered after the retries.</summary>
        ServerError,
        /// <summary>Connection refused, reset, DNS failure...</summary>
        Network,
        /// <summary>An attempt ran past its timeout.</summary>
        Timeout,
        /// <summary>The server does not offer the operation (404/405 on an extension endpoint).</summary>
        NotSupported,
        /// <summary>Bad configuration (plain HTTP to a remote host, missing key...).</summary>
        Configuration,
        /// <summary>The answer was larger than <see cref="CloudthreadClientOptions.MaxResponseBytes"/> (after decompression); reading stopped there.</summary>
        ResponseTooLarge,
        /// <summary>A 3xx answer: redirects are not followed, so that the API key goes nowhere else.</summary>
        Redirected,
        /// <summary>A 2xx answer that is not what the operation returns (not JSON, or JSON of another shape).</summary>
        InvalidResponse,
    }

    /// <summary>One problem with one field of one item: <c>data[3].timestamp: 10:30 is not on the hour</c>.</summary>
    public sealed class ValidationIssue
    {
        public ValidationIssue(string path, string message, int? itemIndex = null)
        {
            Path = path;
            Message = message;
            ItemIndex = itemIndex;
        }

        /// <summary>JSON-path-like location, e.g. <c>data[3].timestamp</c>.</summary>
        public string Path { get; }
        public string Message { get; }
        /// <summary>Index of the offending item in the caller's input, when there is one.</summary>
        public int? ItemIndex { get; }

        public override string ToString() => string.IsNullOrEmpty(Path) ? Message : Path + ": " + Message;
    }

    /// <summary>Base of every error the client raises. Messages never contain the API key or a data stream token.</summary>
    public class CloudthreadException : Exception
    {
        public CloudthreadException() { }
        public CloudthreadException(string message) : base(message) { }
        public CloudthreadException(string message, Exception innerException) : base(message, innerException) { }
        public CloudthreadException(CloudthreadErrorKind kind, string message, Exception? innerException = null)
            : base(message, innerException) => Kind = kind;

        public CloudthreadErrorKind Kind { get; }
    }

    /// <summary>Input rejected by the client before anything was sent.</summary>
    public sealed class CloudthreadValidationException : CloudthreadException
    {
        public CloudthreadValidationException(IReadOnlyList<ValidationIssue> issues)
            : base(CloudthreadErrorKind.Validation, BuildMessage(issues)) => Issues = issues;

        public IReadOnlyList<ValidationIssue> Issues { get; }

        // The message stays readable with thousands of bad items; Issues keeps them all.
        private const int IssuesInMessage = 20;

        private static string BuildMessage(IReadOnlyList<ValidationIssue> issues)
        {
            if (issues.Count == 1)
            {
                return issues[0].ToString();
            }

            var shown = new List<string>(Math.Min(issues.Count, IssuesInMessage));
            for (var i = 0; i < issues.Count && i < IssuesInMessage; i++)
            {
                shown.Add(issues[i].ToString());
            }

            var more = issues.Count > IssuesInMessage ? "; ... and " + (issues.Count - IssuesInMessage) + " more" : string.Empty;
            return issues.Count + " validation errors: " + string.Join("; ", shown) + more;
        }
    }
}
