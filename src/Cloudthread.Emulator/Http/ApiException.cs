namespace Cloudthread.Emulator.Http;

/// <summary>Ends a request with an error body <c>{"code","message","details"}</c> and the given status.</summary>
internal sealed class ApiException : Exception
{
    public ApiException(int status, string code, string message, IReadOnlyList<ErrorDetail>? details = null)
        : base(message)
    {
        Status = status;
        Code = code;
        Details = details ?? [];
    }

    public int Status { get; }

    public string Code { get; }

    public IReadOnlyList<ErrorDetail> Details { get; }

    public static ApiException Validation(IReadOnlyList<ErrorDetail> details)
    {
        var message = details.Count == 1
            ? $"Validation failed: {details[0].Path}: {details[0].Message}"
            : $"Validation failed with {details.Count} problems; see details.";
        return new ApiException(400, ErrorCodes.ValidationFailed, message, details);
    }

    public static ApiException Validation(string path, string message) => Validation([new ErrorDetail(path, message)]);

    public static ApiException NotFound(string code, string message) => new(404, code, message);
}
