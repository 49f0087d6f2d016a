using System;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Cloudthread.Client.Http
{
    /// <summary>
    /// One Summary line per call (method, path, status, elapsed, bytes each way, attempts) and, at Detail,
    /// the request and the final response with headers and bodies. Every line goes through the redactor.
    /// Sits outside the retry handler, so it sees the call as the caller made it. The logger is the request's
    /// connection's (<see cref="TransportConnection"/>): the handler is stateless, one per pooled chain.
    /// </summary>
    internal sealed class LoggingHandler : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var logger = PipelineLog.Resolve(TransportConnection.Of(request).Options);
            if (!PipelineLog.IsEnabled(logger, CloudthreadLogLevel.Summary))
            {
                return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }

            var secrets = RequestSecrets.Of(request);
            var call = request.Method.Method + " " + RequestProperties.GetDisplayPath(request);
            var sent = PipelineLog.BodyOf(request.Content);
            if (PipelineLog.IsEnabled(logger, CloudthreadLogLevel.Detail))
            {
                var builder = new StringBuilder("--> ").Append(call).Append('\n');
                PipelineLog.AppendHeaders(builder, request.Headers);
                if (request.Content != null)
                {
                    PipelineLog.AppendHeaders(builder, request.Content.Headers);
                }

                builder.Append(PipelineLog.DescribeBody(sent, PipelineLog.IsGzip(request.Content)));
                PipelineLog.Write(logger!, CloudthreadLogLevel.Detail, builder.ToString(), secrets);
            }

            var stopwatch = Stopwatch.StartNew();
            HttpResponseMessage response;
            try
            {
                response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                var outcome = exception is TransportFailureException failure
                    ? failure.Message
                    : exception is OperationCanceledException ? "canceled" : exception.GetType().Name;
                PipelineLog.Write(logger!, CloudthreadLogLevel.Summary, Summary(call, outcome, stopwatch, sent.Length, 0, RequestProperties.GetAttempts(request)), secrets);
                throw;
            }

            var received = PipelineLog.BodyOf(response.Content);
            var status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture) + " " + response.ReasonPhrase;
            PipelineLog.Write(logger!, CloudthreadLogLevel.Summary, Summary(call, status, stopwatch, sent.Length, received.Length, RequestProperties.GetAttempts(request)), secrets);

            if (PipelineLog.IsEnabled(logger, CloudthreadLogLevel.Detail))
            {
                var builder = new StringBuilder("<-- ").Append(status).Append(' ').Append(call).Append('\n');
                PipelineLog.AppendHeaders(builder, response.Headers);
                if (response.Content != null)
                {
                    PipelineLog.AppendHeaders(builder, response.Content.Headers);
                }

                builder.Append(PipelineLog.DescribeBody(received, false));
                PipelineLog.Write(logger!, CloudthreadLogLevel.Detail, builder.ToString(), secrets);
            }

            return response;
        }

        private static string Summary(string call, string outcome, Stopwatch stopwatch, long sentBytes, long receivedBytes, int attempts) =>
            call + " -> " + outcome + " in " + stopwatch.ElapsedMilliseconds.ToString(CultureInfo.InvariantCulture) + " ms"
            + " (sent " + PipelineLog.FormatBytes(sentBytes) + ", received " + PipelineLog.FormatBytes(receivedBytes)
            + ", " + attempts.ToString(CultureInfo.InvariantCulture) + (attempts == 1 ? " attempt)" : " attempts)");
    }
}
