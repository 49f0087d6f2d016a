namespace Cloudthread.PowerShell.Infrastructure
{
    /// <summary>
    /// The stable ErrorIds this module writes (FullyQualifiedErrorId is "&lt;ErrorId&gt;,&lt;cmdlet type&gt;").
    /// They are literals on purpose: scripts match on them. Documented in docs/errors.md.
    /// </summary>
    public static class ErrorIds
    {
        // Invocation (terminating): nothing could be sent.
        public const string NotConnected = "NotConnected";
        public const string ApiKeyMissing = "ApiKeyMissing";
        public const string SecretManagementNotAvailable = "SecretManagementNotAvailable";
        public const string SecretRetrievalFailed = "SecretRetrievalFailed";
        public const string InvalidConfiguration = "InvalidConfiguration";
        public const string ConfirmationNotPossible = "ConfirmationNotPossible";
        public const string InvalidWildcardPattern = "InvalidWildcardPattern";
        public const string InvalidBody = "InvalidBody";
        public const string AmbiguousJsonKeys = "AmbiguousJsonKeys";
        public const string OutFileFailed = "OutFileFailed";

        // Mapped from the client's CloudthreadErrorKind.
        public const string AuthenticationFailed = "AuthenticationFailed";
        public const string PermissionDenied = "PermissionDenied";
        public const string NotFound = "NotFound";
        public const string TeamNotFound = "TeamNotFound";
        public const string UserNotFound = "UserNotFound";
        public const string MetricNotFound = "MetricNotFound";
        public const string CatalogNotFound = "CatalogNotFound";
        public const string StreamNotFound = "StreamNotFound";
        public const string SlackChannelNotFound = "SlackChannelNotFound";
        public const string InvalidArgument = "InvalidArgument";
        public const string ValidationFailed = "ValidationFailed";
        public const string PayloadTooLarge = "PayloadTooLarge";
        public const string Throttled = "Throttled";
        public const string ServerError = "ServerError";
        public const string NetworkError = "NetworkError";
        public const string Timeout = "Timeout";
        public const string NotSupported = "NotSupported";
        public const string UserCreationNotSupported = "UserCreationNotSupported";
        public const string ResponseTooLarge = "ResponseTooLarge";
        public const string RedirectNotFollowed = "RedirectNotFollowed";
        public const string InvalidResponse = "InvalidResponse";
        public const string UnexpectedError = "UnexpectedError";

        // Send-CtCustomData
        public const string InvalidCustomDataPoint = "InvalidCustomDataPoint";
        public const string CustomDataBatchFailed = "CustomDataBatchFailed";
        public const string DataStreamTokenMissing = "DataStreamTokenMissing";
        public const string InvalidCustomDataCsv = "InvalidCustomDataCsv";
        public const string CsvPathNotFound = "CsvPathNotFound";

        // Export-CtTeam, Compare-CtTeam, Sync-CtTeam
        public const string InvalidTeamsFile = "InvalidTeamsFile";
        public const string TeamsFileNotFound = "TeamsFileNotFound";
        public const string TeamsFileNotWritten = "TeamsFileNotWritten";

        // -FailedPointsPath / -FailedEventsPath
        public const string FailedItemsFileNotWritten = "FailedItemsFileNotWritten";
    }
}
