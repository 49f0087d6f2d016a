using System.Collections.Generic;

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

        /// <summary>The body as received (what -OutFile writes).</summary>
        public byte[] BodyBytes { get; set; } = System.Array.Empty<byte>();

        /// <summary>Response and content headers, by case-insensitive name.</summary>
        public System.Collections.Generic.IReadOnlyDictionary<string, string[]> Headers { get; set; } =
            new System.Collections.Generic.Dictionary<string, string[]>(System.StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>A generic request (Invoke-CtApiRequest), with what Invoke-RestMethod users expect to set.</summary>
    public sealed class ApiRawRequest
    {
        public string Method { get; set; } = "GET";

        /// <summary>Relative to the base URI (/teams); a query string in it joins <see cref="Query"/>.</summary>
        public string Path { get; set; } = string.Empty;

        public IReadOnlyDictionary<string, string>? Query { get; set; }

        /// <summary>JSON text, sent as is; null for no body.</summary>
        public string? JsonBody { get; set; }

        /// <summary>Extra request headers; not x-api-key, which the client sets from the API key.</summary>
        public IReadOnlyDictionary<string, string>? Headers { get; set; }

        /// <summary>Return 4xx and 5xx answers (after the retries) instead of throwing them.</summary>
        public bool SkipHttpErrorCheck { get; set; }
    }
}
