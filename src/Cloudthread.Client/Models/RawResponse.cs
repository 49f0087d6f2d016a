namespace Cloudthread.Client.Models
{
    /// <summary>The answer to a generic request (Invoke-CtApiRequest).</summary>
    public sealed class ApiRawResponse
    {
        public int StatusCode { get; set; }
        public string? ContentType { get; set; }
        /// <summary>The body as text (UTF-8).</summary>
        public string Body { get; set; } = string.Empty;
        /// <summary>
        /// The body parsed as JSON into BCL values: objects as ordered <c>IDictionary&lt;string, object?&gt;</c>,
        /// arrays as <c>IList&lt;object?&gt;</c>, strings, long or double, bool, null. Null when the body is empty or not JSON.
        /// </summary>
        public object? Json { get; set; }
    }
}
