using System;
using System.Threading;

namespace Cloudthread.Client
{
    public enum CloudthreadLogLevel
    {
        None = 0,
        /// <summary>Method, path, status, elapsed, bytes, retries.</summary>
        Summary = 1,
        /// <summary>Request and response bodies (redacted).</summary>
        Detail = 2,
    }

    /// <summary>Receives log lines from the HTTP pipeline. Lines are redacted before they get here. May be called from any thread.</summary>
    public interface ICloudthreadLogger
    {
        bool IsEnabled(CloudthreadLogLevel level);
        void Log(CloudthreadLogLevel level, string message);
    }

    /// <summary>
    /// Routes log lines of the calls made inside the scope to one logger (a cmdlet invocation, say),
    /// while the connection and its HttpClient stay shared. Flows with the async context.
    /// </summary>
    public static class CloudthreadLogScope
    {
        private static readonly AsyncLocal<ICloudthreadLogger?> CurrentLogger = new AsyncLocal<ICloudthreadLogger?>();

        public static ICloudthreadLogger? Current => CurrentLogger.Value;

        public static IDisposable Begin(ICloudthreadLogger logger)
        {
            var previous = CurrentLogger.Value;
            CurrentLogger.Value = logger;
            return new Restore(previous);
        }

        private sealed class Restore : IDisposable
        {
            private readonly ICloudthreadLogger? _previous;
            public Restore(ICloudthreadLogger? previous) => _previous = previous;
            public void Dispose() => CurrentLogger.Value = _previous;
        }
    }
}
