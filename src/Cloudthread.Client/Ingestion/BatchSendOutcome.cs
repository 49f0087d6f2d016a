using System;
using System.Collections.Generic;

namespace Cloudthread.Client.Ingestion
{
    /// <summary>What a sender reports of a request the server accepted: its status, and the retries it took.</summary>
    internal sealed class BatchSendOutcome
    {
        /// <summary>201 at the first attempt (fakes and sinks).</summary>
        public static readonly BatchSendOutcome Created = new BatchSendOutcome(201, 1, Array.Empty<string>());

        public BatchSendOutcome(int statusCode, int attempts, IReadOnlyList<string> retryReasons)
        {
            StatusCode = statusCode;
            Attempts = attempts;
            RetryReasons = retryReasons;
        }

        public int StatusCode { get; }

        public int Attempts { get; }

        public IReadOnlyList<string> RetryReasons { get; }
    }
}
