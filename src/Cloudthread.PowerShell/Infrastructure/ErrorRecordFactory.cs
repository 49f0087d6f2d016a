using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Text;
using Cloudthread.Client;

namespace Cloudthread.PowerShell.Infrastructure
{
    /// <summary>
    /// The one place where client failures become ErrorRecords: CloudthreadErrorKind to ErrorCategory, a stable
    /// ErrorId (docs/errors.md), the server's message in ErrorDetails with a recommended action, the item as target.
    /// Messages come from the client, which never puts a secret in them.
    /// </summary>
    internal static class ErrorRecordFactory
    {
        /// <summary>Server error codes we pass on as our own ErrorIds (anything else falls back to the cmdlet's default).</summary>
        private static readonly Dictionary<string, string> NotFoundCodes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["TeamNotFound"] = ErrorIds.TeamNotFound,
            ["UserNotFound"] = ErrorIds.UserNotFound,
            ["MetricNotFound"] = ErrorIds.MetricNotFound,
            ["CostViewNotFound"] = ErrorIds.MetricNotFound,
            ["UnitMetricNotFound"] = ErrorIds.MetricNotFound,
            ["CatalogNotFound"] = ErrorIds.CatalogNotFound,
            ["TagCatalogNotFound"] = ErrorIds.CatalogNotFound,
            ["CatalogKeyNotFound"] = ErrorIds.CatalogNotFound,
            ["StreamNotFound"] = ErrorIds.StreamNotFound,
            ["DataStreamNotFound"] = ErrorIds.StreamNotFound,
            ["SlackChannelNotFound"] = ErrorIds.SlackChannelNotFound,
        };

        /// <summary>Builds the record for a failure of one item (or of the whole call).</summary>
        /// <param name="exception">What the client threw.</param>
        /// <param name="target">The item the call was about.</param>
        /// <param name="notFoundErrorId">The cmdlet's ErrorId for a 404 whose server code we do not know (e.g. TeamNotFound).</param>
        /// <param name="notSupportedErrorId">The cmdlet's ErrorId when the server does not offer the operation.</param>
        public static ErrorRecord FromException(Exception exception, object? target, string? notFoundErrorId = null, string? notSupportedErrorId = null)
        {
            if (exception is AggregateException aggregate && aggregate.InnerExceptions.Count == 1)
            {
                exception = aggregate.InnerExceptions[0];
            }

            var kind = exception is CloudthreadException ct ? ct.Kind : CloudthreadErrorKind.Unknown;
            var api = exception as CloudthreadApiException;
            var (errorId, category) = Classify(kind, exception, api, notFoundErrorId, notSupportedErrorId);
            var record = new ErrorRecord(exception, errorId, category, target);
            record.ErrorDetails = new ErrorDetails(DetailMessage(exception, api))
            {
                RecommendedAction = RecommendedAction(kind, errorId, api?.Attempts ?? 1) ?? string.Empty,
            };
            return record;
        }

        /// <summary>A record for a bad invocation detected by the module itself (no client call made).</summary>
        public static ErrorRecord Invocation(string errorId, ErrorCategory category, string message, object? target, string? recommendedAction = null, Exception? inner = null)
        {
            var exception = category == ErrorCategory.InvalidArgument
                ? new ArgumentException(message, inner)
                : (Exception)new InvalidOperationException(message, inner);
            var record = new ErrorRecord(exception, errorId, category, target);
            if (recommendedAction is not null)
            {
                record.ErrorDetails = new ErrorDetails(message) { RecommendedAction = recommendedAction };
            }

            return record;
        }

        internal static (string ErrorId, ErrorCategory Category) Classify(
            CloudthreadErrorKind kind, Exception exception, CloudthreadApiException? api, string? notFoundErrorId, string? notSupportedErrorId)
        {
            switch (kind)
            {
                case CloudthreadErrorKind.Authentication:
                    return (ErrorIds.AuthenticationFailed, ErrorCategory.AuthenticationError);
                case CloudthreadErrorKind.PermissionDenied:
                    return (ErrorIds.PermissionDenied, ErrorCategory.PermissionDenied);
                case CloudthreadErrorKind.NotFound:
                    if (api?.ErrorCode is { } code && NotFoundCodes.TryGetValue(code, out var mapped))
                    {
                        return (mapped, ErrorCategory.ObjectNotFound);
                    }

                    return (notFoundErrorId ?? ErrorIds.NotFound, ErrorCategory.ObjectNotFound);
                case CloudthreadErrorKind.Validation:
                    // Rejected by the client before sending: the caller's argument. Rejected by the server: its data.
                    return exception is CloudthreadValidationException
                        ? (ErrorIds.InvalidArgument, ErrorCategory.InvalidArgument)
                        : (ErrorIds.ValidationFailed, ErrorCategory.InvalidData);
                case CloudthreadErrorKind.PayloadTooLarge:
                    return (ErrorIds.PayloadTooLarge, ErrorCategory.LimitsExceeded);
                case CloudthreadErrorKind.Throttled:
                    return (ErrorIds.Throttled, ErrorCategory.LimitsExceeded);
                case CloudthreadErrorKind.ServerError:
                    return (ErrorIds.ServerError, ErrorCategory.ConnectionError);
                case CloudthreadErrorKind.Network:
                    return (ErrorIds.NetworkError, ErrorCategory.ConnectionError);
                case CloudthreadErrorKind.Timeout:
                    return (ErrorIds.Timeout, ErrorCategory.ConnectionError);
                case CloudthreadErrorKind.NotSupported:
                    return (notSupportedErrorId ?? ErrorIds.NotSupported, ErrorCategory.NotImplemented);
                case CloudthreadErrorKind.Configuration:
                    return (ErrorIds.InvalidConfiguration, ErrorCategory.InvalidOperation);
                case CloudthreadErrorKind.ResponseTooLarge:
                    return (ErrorIds.ResponseTooLarge, ErrorCategory.LimitsExceeded);
                case CloudthreadErrorKind.Redirected:
                    return (ErrorIds.RedirectNotFollowed, ErrorCategory.InvalidOperation);
                case CloudthreadErrorKind.InvalidResponse:
                    return (ErrorIds.InvalidResponse, ErrorCategory.InvalidResult);
                default:
                    return (ErrorIds.UnexpectedError, ErrorCategory.NotSpecified);
            }
        }

        /// <summary>The server's message (with its field details) when there is one, else the client's message.</summary>
        private static string DetailMessage(Exception exception, CloudthreadApiException? api)
        {
            // Without an API answer, or when the client explains better than the server (an operation it does not offer).
            if (api is null || api.Kind == CloudthreadErrorKind.NotSupported)
            {
                return exception.Message;
            }

            var text = new StringBuilder();
            text.Append(string.IsNullOrWhiteSpace(api.ServerMessage) ? api.Message : api.ServerMessage);
            foreach (var issue in api.Details)
            {
                text.Append(Environment.NewLine).Append("  ").Append(issue.ToString());
            }

            if (api.StatusCode is int status)
            {
                text.Append(Environment.NewLine).Append(string.Format(CultureInfo.InvariantCulture, "({0} {1}: HTTP {2}", api.Method, api.Path, status));
                text.Append(api.Attempts > 1 ? string.Format(CultureInfo.InvariantCulture, " after {0} attempts)", api.Attempts) : ")");
            }

            return text.ToString();
        }

        /// <summary>What to do about a failure; retries are mentioned only when <paramref name="attempts"/> says there were some.</summary>
        private static string? RecommendedAction(CloudthreadErrorKind kind, string errorId, int attempts)
        {
            if (errorId == ErrorIds.UserCreationNotSupported)
            {
                return "Invite the user in the Cloudthread web app: Settings, User Management, Invite User.";
            }

            return kind switch
            {
                CloudthreadErrorKind.Authentication => "Check the API key: Connect-Cloudthread -ApiKey (Read-Host -AsSecureString 'API key'), or set $env:CLOUDTHREAD_API_KEY.",
                CloudthreadErrorKind.PermissionDenied => "Use an API key that may perform this operation.",
                CloudthreadErrorKind.Throttled => attempts > 1
                    ? "Still throttled after " + attempts.ToString(CultureInfo.InvariantCulture) + " attempts: wait and try again, or allow more retries: Connect-Cloudthread -MaxRetries 8 -RetryBudget 300."
                    : "Wait and try again.",
                CloudthreadErrorKind.ServerError => attempts > 1
                    ? "The service still failed after " + attempts.ToString(CultureInfo.InvariantCulture) + " attempts; try again later."
                    : "The service failed; try again later.",
                CloudthreadErrorKind.Network => "Check the base URI, the network and the proxy settings (Get-CtConnection).",
                CloudthreadErrorKind.Timeout => "Try again, or allow more time: Connect-Cloudthread -TimeoutSec 300.",
                CloudthreadErrorKind.PayloadTooLarge => "Send the data in smaller parts.",
                CloudthreadErrorKind.Configuration => "Check the Connect-Cloudthread settings (Get-CtConnection).",
                CloudthreadErrorKind.ResponseTooLarge => "Check -BaseUri (Get-CtConnection); if an answer this large is expected, raise the limit: Connect-Cloudthread -MaxResponseBytes 512MB.",
                CloudthreadErrorKind.Redirected => "Check -BaseUri (Get-CtConnection): connect to the address the server redirects to, if you trust it.",
                CloudthreadErrorKind.InvalidResponse => "Check -BaseUri (Get-CtConnection): the server there does not answer as the Cloudthread API does.",
                _ => null,
            };
        }
    }
}
