using Cloudthread.Emulator.Faults;
using Microsoft.AspNetCore.Connections;

namespace Cloudthread.Emulator.Http;

/// <summary>
/// The API request path, in order: stats, fault injection, routing (404/405), auth (401/403),
/// body (413/400), handler. Every failure answers the error body; nothing escapes as a crash.
/// </summary>
internal sealed class ApiPipeline(EmulatorRuntime runtime, ApiRouter router)
{
    public async Task HandleAsync(HttpContext context)
    {
        using var scope = runtime.Stats.Enter();
        var faults = runtime.Faults.Settings;
        if (faults.LatencyMs > 0)
        {
            try
            {
                await Task.Delay(faults.LatencyMs, context.RequestAborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The client gave up while the injected latency ran.
                return;
            }
        }

        switch (FaultInjector.Draw(faults))
        {
            case FaultKind.Drop:
                runtime.Stats.CountFault();
                context.Abort();
                return;
            case FaultKind.Throttle:
                runtime.Stats.CountFault();
                context.Response.Headers.RetryAfter = faults.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await ResponseWriter.WriteErrorAsync(context, 429, ErrorCodes.TooManyRequests,
                    "Too many requests (injected by the emulator); retry after the Retry-After delay.").ConfigureAwait(false);
                return;
            case FaultKind.Error:
                runtime.Stats.CountFault();
                var status = faults.ErrorStatus;
                await ResponseWriter.WriteErrorAsync(context, status,
                    ErrorCodes.ForInjectedStatus(status),
                    $"Injected {status} error (emulator fault injection).").ConfigureAwait(false);
                return;
        }

        try
        {
            var response = await DispatchAsync(context).ConfigureAwait(false);
            await ResponseWriter.WriteJsonAsync(context, response.Status, response.Body).ConfigureAwait(false);
        }
        catch (ApiException error) when (!context.Response.HasStarted)
        {
            if (error.Status == 413)
            {
                // The rest of an oversized body is not worth reading: close after answering.
                context.Response.Headers.Connection = "close";
            }

            await ResponseWriter.WriteErrorAsync(context, error).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ConnectionResetException or BadHttpRequestException && context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nothing to answer.
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            await ResponseWriter.WriteUnreadableRequestAsync(context, ex).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The path as the client escaped it. Request.Path is already decoded (all but %2F), and the router decodes each
    /// segment once: decoding the decoded path again turned a team id "cost%20center" into "cost center".
    /// </summary>
    private static string RawPath(HttpContext context)
    {
        var raw = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw) || raw[0] != '/')
        {
            return context.Request.Path.ToUriComponent();
        }

        var query = raw.IndexOf('?', StringComparison.Ordinal);
        return query < 0 ? raw : raw[..query];
    }

    private async Task<ApiResponse> DispatchAsync(HttpContext context)
    {
        var match = router.Match(context.Request.Method, RawPath(context));
        if (match.Route is null)
        {
            if (match.AllowedMethods.Count > 0)
            {
                context.Response.Headers.Allow = string.Join(", ", match.AllowedMethods);
                throw new ApiException(405, ErrorCodes.MethodNotAllowed,
                    $"Method {context.Request.Method} is not allowed on {context.Request.Path}; allowed: {string.Join(", ", match.AllowedMethods)}.");
            }

            throw new ApiException(404, ErrorCodes.NotFound, $"No API operation at {context.Request.Path}.");
        }

        Authorize(context, match.Route);

        if (!match.Route.ReadsBody)
        {
            return match.Route.Handler(new ApiRequest(context, match.Values, null));
        }

        using var body = await RequestBodyReader.ReadAsync(context.Request, runtime.Options.MaxBodyBytes, context.RequestAborted)
            .ConfigureAwait(false);
        if (match.Route.PlainBodyHandler?.Invoke(body.Utf8.Span) is { } answer)
        {
            return answer;
        }

        using var document = RequestBodyReader.ParseJson(body);
        return match.Route.Handler(new ApiRequest(context, match.Values, document?.RootElement));
    }

    private void Authorize(HttpContext context, ApiRoute route)
    {
        var key = context.Request.Headers["x-api-key"].ToString();
        if (key.Length == 0)
        {
            throw new ApiException(401, ErrorCodes.Unauthorized, "Missing API key: send it in the x-api-key header.");
        }

        if (runtime.FullAccessKeys.Contains(key))
        {
            return;
        }

        if (!runtime.ReadOnlyKeys.Contains(key))
        {
            throw new ApiException(401, ErrorCodes.Unauthorized, "The API key in x-api-key is not valid.");
        }

        if (route.IsWrite)
        {
            throw new ApiException(403, ErrorCodes.Forbidden, $"This API key may only read; {route.Method} {route.Template} needs a full-access key.");
        }
    }
}
