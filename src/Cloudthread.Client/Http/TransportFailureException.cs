using System;

namespace Cloudthread.Client.Http
{
    /// <summary>
    /// Thrown by the retry handler when no HTTP answer could be had (network failure or attempt timeout),
    /// after the retries it was allowed. The transport turns it into a <see cref="CloudthreadApiException"/>.
    /// </summary>
    internal sealed class TransportFailureException : Exception
    {
        public TransportFailureException(CloudthreadErrorKind kind, string description, int attempts, string? giveUpReason, Exception? innerException)
            : base(description, innerException)
        {
            Kind = kind;
            Attempts = attempts;
            GiveUpReason = giveUpReason;
        }

        /// <summary>Network or Timeout.</summary>
        public CloudthreadErrorKind Kind { get; }

        public int Attempts { get; }

        public string? GiveUpReason { get; }
    }
}
