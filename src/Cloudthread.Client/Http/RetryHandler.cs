using System;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Cloudthread.Client.Http
{
    /// <summary>
    /// Sends each attempt as a fresh copy of the request under its own timeout (a linked token; the
    /// HttpClient's own timeout is infinite), reads the whole body inside the attempt, and repeats the
    /// attempt when <see cref="RetryPolicy"/> says so. Returns the last HTTP answer (2xx or not); throws
    /// <see cref="TransportFailureException"/> when no answer could be had, and
    /// <see cref="OperationCanceledException"/> as soon as the caller's token fires.
    /// </summary>
    internal sealed class RetryHandler : DelegatingHandler
    {
        private const string GiveUpReasonKey = "Cloudthread.GiveUpReason";

        /// <summary>Why the retries stopped before MaxAttempts, for the error message.</summary>
        public static string? GetGiveUpReason(HttpRequestMessage request) =>
            request.Properties.TryGetValue(GiveUpReasonKey, out var value) ? value as string : null;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            // Stateless (one per pooled chain): the options, clock and jitter are the request's connection's.
            var connection = TransportConnection.Of(request);
            var mode = RequestProperties.GetRetryMode(request);
            var retry = connection.Options.Retry ?? new RetryOptions();
            var maxAttempts = mode == RetryMode.None ? 1 : Math.Max(1, retry.MaxAttempts);
            var timeout = connection.Options.AttemptTimeout;
            var started = connection.Clock.Elapsed;
            var body = await BodyTemplate.CreateAsync(request.Content).ConfigureAwait(false);

            for (var attempt = 1; ; attempt++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                RequestProperties.SetAttempts(request, attempt);

                HttpResponseMessage? response = null;
                Exception? failure = null;
                var timedOut = false;
                using (var attemptRequest = CopyOf(request, body))
                using (var attemptCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                {
                    if (timeout > TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
                    {
                        attemptCancellation.CancelAfter(RetryClock.Clamp(timeout));
                    }

                    try
                    {
                        response = await base.SendAsync(attemptRequest, attemptCancellation.Token).ConfigureAwait(false);
                        await BufferBodyAsync(response, connection.Options.MaxResponseBytes, attempt, attemptCancellation.Token).ConfigureAwait(false);
                    }
                    catch (Exception exception) when (cancellationToken.IsCancellationRequested)
                    {
                        response?.Dispose();
                        // Carry the caller's token (not the attempt's linked one), so callers can tell it is theirs.
                        throw new OperationCanceledException("The request was canceled.", exception, cancellationToken);
                    }
                    catch (Exception exception) when (attemptCancellation.IsCancellationRequested)
                    {
                        response?.Dispose();
                        response = null;
                        failure = exception;
                        timedOut = true;
                    }
                    catch (Exception exception) when (IsNetworkException(exception))
                    {
                        response?.Dispose();
                        response = null;
                        failure = exception;
                    }
                }

                string description;
                bool retryable;
                TimeSpan? retryAfter = null;
                var networkFailure = NetworkFailure.Permanent;
                if (response != null)
                {
                    var status = (int)response.StatusCode;
                    // The attempt's copy is disposed below; the caller's request is the one to point at.
                    response.RequestMessage = request;
                    if (status >= 200 && status < 300)
                    {
                        return response;
                    }

                    retryable = RetryPolicy.IsRetryableStatus(status, mode);
                    description = DescribeStatus(response);
                    if (RetryPolicy.MayHaveBeenProcessed(status))
                    {
                        RequestProperties.NoteMayHaveBeenProcessed(request);
                    }

                    retryAfter = RetryPolicy.ParseRetryAfter(response.Headers.RetryAfter, connection.Clock.UtcNow);
                }
                else if (timedOut)
                {
                    retryable = RetryPolicy.IsTimeoutRetryable(mode);
                    description = "no answer within " + RetryPolicy.Format(timeout) + " (AttemptTimeout)";
                    RequestProperties.NoteMayHaveBeenProcessed(request);
                }
                else
                {
                    networkFailure = RetryPolicy.Classify(failure!);
                    retryable = RetryPolicy.IsRetryableFailure(networkFailure, mode);
                    description = DescribeNetworkFailure(networkFailure, failure!);
                    if (networkFailure == NetworkFailure.Transient)
                    {
                        RequestProperties.NoteMayHaveBeenProcessed(request);
                    }
                }

                RetryDecision decision = retryable && attempt < maxAttempts
                    ? RetryPolicy.Decide(attempt, retry, connection.Clock.Elapsed - started, retryAfter, connection.Random())
                    : RetryDecision.GiveUp(null);

                if (!decision.ShouldRetry)
                {
                    if (response != null)
                    {
                        request.Properties[GiveUpReasonKey] = decision.GiveUpReason;
                        return response;
                    }

                    throw new TransportFailureException(
                        timedOut ? CloudthreadErrorKind.Timeout : CloudthreadErrorKind.Network, description, attempt, decision.GiveUpReason, failure);
                }

                RequestProperties.AddRetryReason(request, description);
                LogRetry(request, response, description, attempt, maxAttempts, decision.Delay);
                response?.Dispose();
                await connection.Clock.DelayAsync(decision.Delay, cancellationToken).ConfigureAwait(false);
            }
        }

        private static void LogRetry(HttpRequestMessage request, HttpResponseMessage? response, string description, int attempt, int maxAttempts, TimeSpan delay)
        {
            var logger = PipelineLog.Resolve(TransportConnection.Of(request).Options);
            if (!PipelineLog.IsEnabled(logger, CloudthreadLogLevel.Summary))
            {
                return;
            }

            var secrets = RequestSecrets.Of(request);
            var line = request.Method.Method + " " + RequestProperties.GetDisplayPath(request) + ": " + description
                + ", retry " + attempt.ToString(CultureInfo.InvariantCulture) + "/" + (maxAttempts - 1).ToString(CultureInfo.InvariantCulture)
                + " in " + RetryPolicy.Format(delay);
            PipelineLog.Write(logger!, CloudthreadLogLevel.Summary, line, secrets);

            if (response != null && PipelineLog.IsEnabled(logger, CloudthreadLogLevel.Detail))
            {
                PipelineLog.Write(
                    logger!,
                    CloudthreadLogLevel.Detail,
                    "<-- " + description + " (attempt " + attempt.ToString(CultureInfo.InvariantCulture) + "): " + PipelineLog.DescribeBody(PipelineLog.BodyOf(response.Content), false),
                    secrets);
            }
        }

        private static string DescribeStatus(HttpResponseMessage response)
        {
            var status = (int)response.StatusCode;
            if (status == 429)
            {
                return "throttled (429)";
            }

            return status.ToString(CultureInfo.InvariantCulture) + (string.IsNullOrEmpty(response.ReasonPhrase) ? string.Empty : " " + response.ReasonPhrase);
        }

        internal static string DescribeNetworkFailure(NetworkFailure failure, Exception exception)
        {
            var detail = ExceptionText.Describe(exception);
            var label = failure == NetworkFailure.ConnectionRefused ? "connection refused" : "network failure";
            // .NET already says "Connection refused (host:port)": do not say it twice.
            return detail.StartsWith(label, StringComparison.OrdinalIgnoreCase)
                ? label + detail.Substring(label.Length)
                : label + " (" + detail + ")";
        }

        private static bool IsNetworkException(Exception exception) =>
            exception is HttpRequestException || exception is IOException || exception is SocketException
            || exception is WebException || exception is ObjectDisposedException || exception is OperationCanceledException;

        private static HttpRequestMessage CopyOf(HttpRequestMessage request, BodyTemplate body)
        {
            var copy = new HttpRequestMessage(request.Method, request.RequestUri) { Version = request.Version, Content = body.NewContent() };
            foreach (var header in request.Headers)
            {
                copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            foreach (var property in request.Properties)
            {
                copy.Properties[property.Key] = property.Value;
            }

            return copy;
        }

        /// <summary>
        /// Reads the whole body inside the attempt, so that the attempt's timeout and the caller's token
        /// cover it, and swaps in a buffered copy that later readers can read at no cost. Bounded: see
        /// <see cref="ResponseBodyReader"/>.
        /// </summary>
        private static async Task BufferBodyAsync(HttpResponseMessage response, long maxResponseBytes, int attempt, CancellationToken cancellationToken)
        {
            var original = response.Content;
            byte[] bytes;
            if (original == null)
            {
                bytes = Array.Empty<byte>();
            }
            else
            {
                // Some runtimes' response streams ignore the token: dropping the response unblocks the read.
                using (cancellationToken.Register(state => ((HttpResponseMessage)state!).Dispose(), response))
                {
                    var status = (int)response.StatusCode;
                    var isSuccess = status >= 200 && status < 300;
                    bytes = await ResponseBodyReader.ReadAsync(
                        response, isSuccess ? maxResponseBytes : ResponseBodyReader.MaxErrorBodyBytes, !isSuccess, attempt, cancellationToken).ConfigureAwait(false);
                }

                cancellationToken.ThrowIfCancellationRequested();
            }

            var replacement = new BufferedContent(bytes);
            if (original != null)
            {
                foreach (var header in original.Headers)
                {
                    if (!string.Equals(header.Key, "Content-Length", StringComparison.OrdinalIgnoreCase))
                    {
                        replacement.Headers.TryAddWithoutValidation(header.Key, header.Value);
                    }
                }

                original.Dispose();
            }

            response.Content = replacement;
        }

        /// <summary>The request body, held once, handed out as a new content object per attempt.</summary>
        private sealed class BodyTemplate
        {
            private readonly BufferedContent? _content;

            private BodyTemplate(BufferedContent? content) => _content = content;

            public static async Task<BodyTemplate> CreateAsync(HttpContent? content)
            {
                if (content == null || content is BufferedContent)
                {
                    return new BodyTemplate((BufferedContent?)content);
                }

                var bytes = await content.ReadAsByteArrayAsync().ConfigureAwait(false);
                var buffered = new BufferedContent(bytes);
                foreach (var header in content.Headers)
                {
                    if (!string.Equals(header.Key, "Content-Length", StringComparison.OrdinalIgnoreCase))
                    {
                        buffered.Headers.TryAddWithoutValidation(header.Key, header.Value);
                    }
                }

                return new BodyTemplate(buffered);
            }

            public BufferedContent? NewContent() => _content?.Clone();
        }
    }
}
