namespace Cloudthread.Emulator.Http;

/// <summary>The <c>code</c> values of error bodies.</summary>
internal static class ErrorCodes
{
    public const string ValidationFailed = "ValidationFailed";
    public const string Unauthorized = "Unauthorized";
    public const string Forbidden = "Forbidden";
    public const string NotFound = "NotFound";
    public const string StreamNotFound = "StreamNotFound";
    public const string TeamNotFound = "TeamNotFound";
    public const string UserNotFound = "UserNotFound";
    public const string CatalogNotFound = "CatalogNotFound";
    public const string MetricNotFound = "MetricNotFound";
    public const string SlackChannelNotFound = "SlackChannelNotFound";
    public const string MethodNotAllowed = "MethodNotAllowed";
    public const string PayloadTooLarge = "PayloadTooLarge";
    public const string TooManyRequests = "TooManyRequests";
    public const string InternalError = "InternalError";
    public const string ServiceUnavailable = "ServiceUnavailable";
    public const string BadGateway = "BadGateway";
    public const string GatewayTimeout = "GatewayTimeout";

    /// <summary>The code of an injected 5xx, named after its status.</summary>
    public static string ForInjectedStatus(int status) => status switch
    {
        502 => BadGateway,
        503 => ServiceUnavailable,
        504 => GatewayTimeout,
        _ => InternalError,
    };
}
