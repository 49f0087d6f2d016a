using System;
using System.IO;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Authentication;

namespace Cloudthread.Client.Http
{
    /// <summary>How a failed attempt without an HTTP answer failed.</summary>
    internal enum NetworkFailure
    {
        /// <summary>The connection could not be opened: the server cannot have seen the request.</summary>
        ConnectionRefused,
        /// <summary>Reset, dropped or unreadable connection: the server may have processed the request.</summary>
        Transient,
        /// <summary>DNS failure, TLS failure, anything retrying will not fix.</summary>
        Permanent,
    }

    /// <summary>Wait, or give up and say why.</summary>
    internal readonly struct RetryDecision
    {
        private RetryDecision(bool retry, TimeSpan delay, string? giveUpReason)
        {
            ShouldRetry = retry;
            Delay = delay;
            GiveUpReason = giveUpReason;
        }

        public bool ShouldRetry { get; }
        public TimeSpan Delay { get; }
        /// <summary>Why no retry, when the reason is worth telling (null when the attempts simply ran out).</summary>
        public string? GiveUpReason { get; }

        public static RetryDecision RetryAfter(TimeSpan delay) => new RetryDecision(true, delay, null);
        public static RetryDecision GiveUp(string? reason) => new RetryDecision(false, TimeSpan.Zero, reason);
    }

    /// <summary>
    /// The retry rules, as pure functions. What is retried depends on <see cref="RetryMode"/>:
    /// Idempotent retries 429, 500, 502, 503, 504, transient network failures and attempt timeouts;
    /// OnlyIfNotProcessed retries only what the server cannot have processed (connection refused, 429, 503);
    /// None never retries. A wait is the server's Retry-After when it sent one, else exponential
    /// backoff with full jitter (uniform in [0, min(MaxDelay, BaseDelay * 2^(retry-1))]).
    /// A Retry-After longer than MaxDelay, or a wait that would end past TotalBudget, gives up at once:
    /// retrying sooner than the server asked only earns another 429, and waiting longer than the
    /// caller allowed breaks the caller's promise.
    /// </summary>
    internal static class RetryPolicy
    {
        public static bool IsRetryableStatus(int statusCode, RetryMode mode)
        {
            switch (mode)
            {
                case RetryMode.Idempotent:
                    return statusCode == 429 || statusCode == 500 || statusCode == 502 || statusCode == 503 || statusCode == 504;
                case RetryMode.OnlyIfNotProcessed:
                    return statusCode == 429 || statusCode == 503;
                default:
                    return false;
            }
        }

        public static bool IsRetryableFailure(NetworkFailure failure, RetryMode mode)
        {
            switch (mode)
            {
                case RetryMode.Idempotent:
                    return failure != NetworkFailure.Permanent;
                case RetryMode.OnlyIfNotProcessed:
                    return failure == NetworkFailure.ConnectionRefused;
                default:
                    return false;
            }
        }

        /// <summary>
        /// Whether an answer with this status leaves open that the server processed the request: a 4xx (or 503,
        /// which servers send before processing) proves it did not; a 3xx (post-redirect-get), or a 5xx from a
        /// server or gateway that may have failed after storing, does not.
        /// </summary>
        public static bool MayHaveBeenProcessed(int statusCode) => !(statusCode >= 400 && statusCode < 500) && statusCode != 503;

        /// <summary>An attempt that ran past its timeout may have been processed: only idempotent requests repeat it.</summary>
        public static bool IsTimeoutRetryable(RetryMode mode) => mode == RetryMode.Idempotent;

        /// <summary>Classifies an exception thrown by the primary handler (HttpRequestException, IOException, SocketException, WebException).</summary>
        public static NetworkFailure Classify(Exception exception)
        {
            var sawIo = false;
            for (var current = exception; current != null; current = current.InnerException)
            {
                switch (current)
                {
                    case SocketException socket:
                        return ClassifySocketError(socket.SocketErrorCode);
                    case AuthenticationException _:
                        return NetworkFailure.Permanent;
                    case WebException web:
                        switch (web.Status)
                        {
                            case WebExceptionStatus.ConnectFailure:
                                return NetworkFailure.ConnectionRefused;
                            case WebExceptionStatus.NameResolutionFailure:
                            case WebExceptionStatus.TrustFailure:
                            case WebExceptionStatus.SecureChannelFailure:
                                return NetworkFailure.Permanent;
                            case WebExceptionStatus.ConnectionClosed:
                            case WebExceptionStatus.KeepAliveFailure:
                            case WebExceptionStatus.ReceiveFailure:
                            case WebExceptionStatus.SendFailure:
                            case WebExceptionStatus.PipelineFailure:
                                return NetworkFailure.Transient;
                        }

                        break;
                    case IOException _:
                        sawIo = true;
                        break;
                }
            }

            // An HttpRequestException without a socket error underneath is a protocol failure (bad status line,
            // response ended early) unless an IOException says the connection broke.
            return sawIo || exception is System.Net.Http.HttpRequestException ? NetworkFailure.Transient : NetworkFailure.Permanent;
        }

        private static NetworkFailure ClassifySocketError(SocketError error)
        {
            switch (error)
            {
                case SocketError.ConnectionRefused:
                case SocketError.HostUnreachable:
                case SocketError.NetworkUnreachable:
                case SocketError.HostDown:
                case SocketError.NetworkDown:
                case SocketError.TryAgain:
                    return NetworkFailure.ConnectionRefused;
                case SocketError.HostNotFound:
                case SocketError.NoData:
                case SocketError.AccessDenied:
                case SocketError.AddressNotAvailable:
                    return NetworkFailure.Permanent;
                default:
                    return NetworkFailure.Transient;
            }
        }

        /// <summary>The wait a Retry-After header asks for: delta seconds, or an HTTP date minus now (never negative).</summary>
        public static TimeSpan? ParseRetryAfter(RetryConditionHeaderValue? header, DateTimeOffset utcNow)
        {
            if (header == null)
            {
                return null;
            }

            if (header.Delta.HasValue)
            {
                return header.Delta.Value < TimeSpan.Zero ? TimeSpan.Zero : header.Delta.Value;
            }

            if (header.Date.HasValue)
            {
                var wait = header.Date.Value - utcNow;
                return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
            }

            return null;
        }

        /// <summary>Full-jitter exponential backoff for the given retry (1 for the first retry); <paramref name="random"/> in [0, 1].</summary>
        public static TimeSpan Backoff(int retryNumber, RetryOptions options, double random)
        {
            var exponent = Math.Min(Math.Max(retryNumber - 1, 0), 30);
            var ceilingTicks = Math.Min(options.BaseDelay.Ticks * Math.Pow(2, exponent), options.MaxDelay.Ticks);
            var ticks = (long)(Math.Max(0, Math.Min(1, random)) * Math.Max(0, ceilingTicks));
            return TimeSpan.FromTicks(ticks);
        }

        /// <summary>
        /// Decides whether attempt number <paramref name="attemptsMade"/> + 1 happens and after what wait.
        /// The failure is already known to be retryable for the request's mode.
        /// </summary>
        public static RetryDecision Decide(int attemptsMade, RetryOptions options, TimeSpan elapsed, TimeSpan? retryAfter, double random)
        {
            if (attemptsMade >= options.MaxAttempts)
            {
                return RetryDecision.GiveUp(null);
            }

            TimeSpan delay;
            if (retryAfter.HasValue)
            {
                if (retryAfter.Value > options.MaxDelay)
                {
                    return RetryDecision.GiveUp(
                        "the server asked to retry in " + Format(retryAfter.Value) + ", longer than Retry.MaxDelay (" + Format(options.MaxDelay) + ")");
                }

                delay = retryAfter.Value;
            }
            else
            {
                delay = Backoff(attemptsMade, options, random);
            }

            if (elapsed + delay > options.TotalBudget)
            {
                return RetryDecision.GiveUp(
                    "a retry in " + Format(delay) + " would pass Retry.TotalBudget (" + Format(options.TotalBudget) + ")");
            }

            return RetryDecision.RetryAfter(delay);
        }

        /// <summary>"8 s", "1.2 s", "250 ms".</summary>
        public static string Format(TimeSpan delay)
        {
            if (delay < TimeSpan.FromSeconds(1))
            {
                return ((long)Math.Round(delay.TotalMilliseconds)).ToString(System.Globalization.CultureInfo.InvariantCulture) + " ms";
            }

            var seconds = delay.TotalSeconds;
            var format = seconds >= 10 || Math.Abs(seconds - Math.Round(seconds)) < 0.05 ? "0" : "0.0";
            return seconds.ToString(format, System.Globalization.CultureInfo.InvariantCulture) + " s";
        }
    }
}
