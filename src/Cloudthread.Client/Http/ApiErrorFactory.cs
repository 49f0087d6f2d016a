using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Cloudthread.Client.Http
{
    /// <summary>
    /// Builds the <see cref="CloudthreadApiException"/> for a failed call: the kind from the status, the
    /// server's own code, message and details from the body, and one readable, redacted line such as
    /// <c>POST /events failed: 400 ValidationFailed: data[3].timestamp: 10:30 is not on the hour</c>.
    /// </summary>
    internal static class ApiErrorFactory
    {
        /// <summary>Validation details shown in the message; all of them stay in <see cref="CloudthreadApiException.Details"/>.</summary>
        private const int MaxDetailsInMessage = 5;

        public static CloudthreadErrorKind KindOf(int statusCode)
        {
            switch (statusCode)
            {
                case 400:
                case 422:
                    return CloudthreadErrorKind.Validation;
                case 401:
                    return CloudthreadErrorKind.Authentication;
                case 403:
                    return CloudthreadErrorKind.PermissionDenied;
                case 404:
                    return CloudthreadErrorKind.NotFound;
                case 405:
                    return CloudthreadErrorKind.NotSupported;
                case 408:
                    return CloudthreadErrorKind.Timeout;
                case 413:
                    return CloudthreadErrorKind.PayloadTooLarge;
                case 429:
                    return CloudthreadErrorKind.Throttled;
                default:
                    if (statusCode >= 300 && statusCode < 400)
                    {
                        return CloudthreadErrorKind.Redirected;
                    }

                    return statusCode >= 500 && statusCode < 600 ? CloudthreadErrorKind.ServerError : CloudthreadErrorKind.Unknown;
            }
        }

        public static CloudthreadApiException FromResponse(
            string method,
            string displayPath,
            int statusCode,
            string? reasonPhrase,
            byte[] body,
            string? contentType,
            Uri? location,
            int attempts,
            string? giveUpReason,
            IReadOnlyList<string> secrets,
            IReadOnlyList<string>? retryReasons = null,
            bool mayHaveBeenProcessed = false)
        {
            var error = ApiErrorBody.Parse(body, contentType);
            var serverMessage = error.Message == null ? null : SecretRedactor.Redact(error.Message, secrets);
            var details = error.Details
                .Select(issue => new ValidationIssue(SecretRedactor.Redact(issue.Path, secrets), SecretRedactor.Redact(issue.Message, secrets), issue.ItemIndex))
                .ToArray();

            var line = new StringBuilder();
            line.Append(method).Append(' ').Append(displayPath).Append(" failed: ")
                .Append(statusCode.ToString(CultureInfo.InvariantCulture)).Append(' ')
                .Append(error.Code ?? (string.IsNullOrEmpty(reasonPhrase) ? ReasonOf(statusCode) : reasonPhrase));

            var text = Describe(serverMessage, details);
            if (text != null)
            {
                line.Append(": ").Append(text);
            }
            else
            {
                line.Append(": ").Append(HintFor(statusCode, location));
            }

            AppendAttempts(line, attempts, giveUpReason);
            return new CloudthreadApiException(
                KindOf(statusCode),
                OneLine(SecretRedactor.Redact(line.ToString(), secrets)),
                method,
                displayPath,
                statusCode,
                error.Code == null ? null : SecretRedactor.Redact(error.Code, secrets),
                serverMessage,
                details,
                attempts,
                retryReasons: Redacted(retryReasons, secrets),
                mayHaveBeenProcessed: mayHaveBeenProcessed);
        }

        public static CloudthreadApiException FromFailure(
            string method, string displayPath, TransportFailureException failure, IReadOnlyList<string> secrets, IReadOnlyList<string>? retryReasons = null, bool mayHaveBeenProcessed = false)
        {
            var line = new StringBuilder();
            line.Append(method).Append(' ').Append(displayPath).Append(" failed: ").Append(failure.Message);
            AppendAttempts(line, failure.Attempts, failure.GiveUpReason);
            return new CloudthreadApiException(
                failure.Kind,
                OneLine(SecretRedactor.Redact(line.ToString(), secrets)),
                method,
                displayPath,
                attempts: failure.Attempts,
                innerException: failure.InnerException,
                retryReasons: Redacted(retryReasons, secrets),
                // An answer too large to read was an answer: the server processed the request.
                mayHaveBeenProcessed: mayHaveBeenProcessed || failure.Kind == CloudthreadErrorKind.ResponseTooLarge);
        }

        /// <summary>Retry reasons as errors and results may show them.</summary>
        internal static IReadOnlyList<string> Redacted(IReadOnlyList<string>? reasons, IReadOnlyList<string> secrets) =>
            reasons is null || reasons.Count == 0 ? Array.Empty<string>() : reasons.Select(reason => SecretRedactor.Redact(reason, secrets)).ToArray();

        private static string? Describe(string? message, ValidationIssue[] details)
        {
            if (details.Length == 0)
            {
                return message;
            }

            var shown = string.Join("; ", details.Take(MaxDetailsInMessage).Select(issue => issue.ToString()));
            if (details.Length > MaxDetailsInMessage)
            {
                shown += "; and " + (details.Length - MaxDetailsInMessage).ToString(CultureInfo.InvariantCulture) + " more";
            }

            // Servers often repeat the first detail as the message; say it once.
            if (string.IsNullOrEmpty(message) || shown.IndexOf(message!, StringComparison.Ordinal) >= 0 || message!.IndexOf(details[0].Message, StringComparison.Ordinal) >= 0)
            {
                return shown;
            }

            return message.TrimEnd('.') + ": " + shown;
        }

        private static string HintFor(int statusCode, Uri? location)
        {
            switch (statusCode)
            {
                case 401:
                    return "the API key is missing or not valid (no message from the server)";
                case 403:
                    return "the API key may not perform this operation (no message from the server)";
                case 404:
                    return "not found (no message from the server)";
                case 405:
                    return "the server does not offer this operation (no message from the server)";
                default:
                    if (statusCode >= 300 && statusCode < 400)
                    {
                        return "redirected" + (location == null ? string.Empty : " to " + TransportSettings.Display(location))
                            + "; redirects are not followed, so that the API key goes nowhere else: check BaseUri";
                    }

                    return "no message from the server";
            }
        }

        private static void AppendAttempts(StringBuilder line, int attempts, string? giveUpReason)
        {
            if (attempts > 1 || giveUpReason != null)
            {
                line.Append(" (");
                if (attempts > 1)
                {
                    line.Append("gave up after ").Append(attempts.ToString(CultureInfo.InvariantCulture)).Append(" attempts");
                    if (giveUpReason != null)
                    {
                        line.Append(": ");
                    }
                }
                else
                {
                    line.Append("not retried: ");
                }

                line.Append(giveUpReason).Append(')');
            }
        }

        private static string OneLine(string text) => text.Replace("\r\n", " ").Replace('\n', ' ').Replace('\r', ' ');

        private static string ReasonOf(int statusCode)
        {
            switch (statusCode)
            {
                case 400: return "Bad Request";
                case 401: return "Unauthorized";
                case 403: return "Forbidden";
                case 404: return "Not Found";
                case 405: return "Method Not Allowed";
                case 409: return "Conflict";
                case 413: return "Payload Too Large";
                case 422: return "Unprocessable Entity";
                case 429: return "Too Many Requests";
                case 500: return "Internal Server Error";
                case 502: return "Bad Gateway";
                case 503: return "Service Unavailable";
                case 504: return "Gateway Timeout";
                default: return "HTTP error";
            }
        }
    }
}
