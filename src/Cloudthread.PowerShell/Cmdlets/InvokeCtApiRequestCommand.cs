using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using Cloudthread.Client;
using Cloudthread.Client.Models;
using Cloudthread.PowerShell.Infrastructure;

namespace Cloudthread.PowerShell.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Sends any request to the Cloudthread API with the connection's auth, retries and error handling.</para>
    /// <para type="description">For operations the module does not wrap. JSON answers come back as PSObjects (or the text with -Raw).
    /// -Body takes a JSON string (sent as is) or an object (hashtable, PSCustomObject, array) that is converted to JSON.</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "CtApiRequest", HelpUri = HelpLinks.Base + "Invoke-CtApiRequest.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(PSObject), typeof(string))]
    public sealed class InvokeCtApiRequestCommand : CloudthreadCmdlet
    {
        /// <summary>The path relative to the base URI, e.g. /teams.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>The HTTP method (default GET). Methods other than GET, HEAD and OPTIONS honour -WhatIf and -Confirm.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateSet("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", IgnoreCase = true)]
        public string Method { get; set; } = "GET";

        /// <summary>Query string parameters (values are converted to strings; dates as yyyy-MM-dd).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public Hashtable? Query { get; set; }

        /// <summary>The request body: a JSON string, or an object converted to JSON.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public object? Body { get; set; }

        /// <summary>Writes the response body as text instead of converting JSON to objects.</summary>
        [Parameter]
        public SwitchParameter Raw { get; set; }

        /// <summary>Extra request headers (not x-api-key: the connection's key is sent).</summary>
        [Parameter]
        public IDictionary? Headers { get; set; }

        /// <summary>JSON objects become ordered hashtables with case-sensitive keys, so keys that differ only in case are kept.</summary>
        [Parameter]
        public SwitchParameter AsHashtable { get; set; }

        /// <summary>Name of a variable to set to the answer's HTTP status code (also when the request fails with an answer).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? StatusCodeVariable { get; set; }

        /// <summary>Name of a variable to set to the answer's headers (a dictionary of name to values).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ResponseHeadersVariable { get; set; }

        /// <summary>Writes a 4xx or 5xx answer (after the retries) like a success instead of an error; the status is in -StatusCodeVariable.</summary>
        [Parameter]
        public SwitchParameter SkipHttpErrorCheck { get; set; }

        /// <summary>Saves the answer's body to this file, as received, and writes nothing.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? OutFile { get; set; }

        protected override void ProcessRecord()
        {
            var method = Method.ToUpperInvariant();
            string? json;
            try
            {
                json = PSObjectJson.Serialize(Body);
            }
            catch (CloudthreadValidationException ex)
            {
                WriteError(ErrorRecordFactory.Invocation(ErrorIds.InvalidBody, ErrorCategory.InvalidArgument, "-Body cannot be sent as JSON: " + ex.Message, Body, inner: ex));
                return;
            }

            var query = ToQuery(Query);
            var request = new ApiRawRequest
            {
                Method = method,
                Path = Path,
                Query = query,
                JsonBody = json,
                Headers = ToHeaders(Headers),
                SkipHttpErrorCheck = SkipHttpErrorCheck.IsPresent,
            };
            var isRead = method == "GET" || method == "HEAD" || method == "OPTIONS";
            if (!isRead && !ShouldProcessChange(method + " " + Path, "Send request"))
            {
                return;
            }

            try
            {
                var response = CallClient(token => Client.SendAsync(request, token));
                SetVariable(StatusCodeVariable, response.StatusCode);
                SetVariable(ResponseHeadersVariable, ToHeaderTable(response.Headers));
                if (OutFile is not null)
                {
                    System.IO.File.WriteAllBytes(GetUnresolvedProviderPathFromPSPath(OutFile), response.BodyBytes);
                }
                else if (Raw)
                {
                    WriteObject(response.Body);
                }
                else if (response.Json is not null && AsHashtable)
                {
                    WriteObject(JsonObjects.ToHashtable(response.Json), enumerateCollection: true);
                }
                else if (response.Json is not null)
                {
                    WriteJson(response.Json, response.Body);
                }
                else if (response.Body.Length > 0)
                {
                    WriteObject(response.Body);
                }
            }
            catch (CloudthreadException ex)
            {
                if (ex is CloudthreadApiException { StatusCode: int status })
                {
                    SetVariable(StatusCodeVariable, status);
                }

                WriteClientError(ex, method + " " + Path);
            }
            catch (Exception ex) when (ex is System.IO.IOException or UnauthorizedAccessException)
            {
                WriteError(new ErrorRecord(ex, ErrorIds.OutFileFailed, ErrorCategory.WriteError, OutFile));
            }
        }

        /// <summary>Sets a variable of the caller's scope, as Invoke-RestMethod's -StatusCodeVariable does.</summary>
        private void SetVariable(string? name, object value)
        {
            if (name is not null)
            {
                SessionState.PSVariable.Set(name, value);
            }
        }

        private static Dictionary<string, string>? ToHeaders(IDictionary? headers) =>
            headers is null ? null : PSValues.TextMap(headers, StringComparer.OrdinalIgnoreCase);

        private static Dictionary<string, string[]> ToHeaderTable(IReadOnlyDictionary<string, string[]> headers)
        {
            var table = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
            foreach (var pair in headers)
            {
                table[pair.Key] = pair.Value;
            }

            return table;
        }

        /// <summary>The answer as PSObjects; one PowerShell cannot hold (keys differing only in case) is an error carrying its text.</summary>
        private void WriteJson(object json, string text)
        {
            object? converted;
            try
            {
                converted = JsonObjects.ToPSObject(json);
            }
            catch (JsonKeyCaseConflictException ex)
            {
                var where = ex.Path.Length == 0 ? "the answer" : "answer" + ex.Path;
                WriteError(ErrorRecordFactory.Invocation(
                    ErrorIds.AmbiguousJsonKeys,
                    ErrorCategory.InvalidData,
                    "The answer of " + Method.ToUpperInvariant() + " " + Path + " cannot become PowerShell objects: in " + where + ", " + ex.Message +
                    ", and a PowerShell object's properties ignore case. The JSON text is this error's TargetObject; -Raw returns it as text.",
                    text,
                    inner: ex));
                return;
            }

            WriteObject(converted, enumerateCollection: true);
        }

        private static Dictionary<string, string>? ToQuery(Hashtable? query)
        {
            if (query is null)
            {
                return null;
            }

            // The formatting rules are the client's; only the PSObject unwrapping is PowerShell's.
            var values = new List<KeyValuePair<string, object?>>(query.Count);
            foreach (DictionaryEntry entry in query)
            {
                values.Add(new KeyValuePair<string, object?>(PSValues.Text(entry.Key), entry.Value));
            }

            return ApiQuery.FromValues(values, PSValues.Unwrap);
        }
    }
}
