using System;
using System.Collections.Concurrent;
using Cloudthread.Client;

namespace Cloudthread.PowerShell.Infrastructure
{
    /// <summary>
    /// Collects the client's log lines from any thread so that the pipeline thread can write them
    /// (WriteVerbose/WriteDebug may only be called there).
    /// </summary>
    internal sealed class QueuedLogger : ICloudthreadLogger, IDisposable
    {
        private readonly bool _summary;
        private readonly bool _detail;
        private readonly object _gate = new object();

        public QueuedLogger(bool summary, bool detail)
        {
            _summary = summary;
            _detail = detail;
        }

        public BlockingCollection<LogLine> Lines { get; } = new BlockingCollection<LogLine>();

        public bool IsEnabled(CloudthreadLogLevel level) => level switch
        {
            CloudthreadLogLevel.Summary => _summary,
            CloudthreadLogLevel.Detail => _detail,
            _ => false,
        };

        public void Log(CloudthreadLogLevel level, string message)
        {
            if (!IsEnabled(level))
            {
                return;
            }

            lock (_gate)
            {
                // A line logged after the operation ended has nobody to read it.
                if (!Lines.IsAddingCompleted)
                {
                    Lines.Add(new LogLine(level, message));
                }
            }
        }

        public void Complete()
        {
            lock (_gate)
            {
                Lines.CompleteAdding();
            }
        }

        public void Dispose() => Lines.Dispose();

        internal readonly struct LogLine
        {
            public LogLine(CloudthreadLogLevel level, string message)
            {
                Level = level;
                Message = message;
            }

            public CloudthreadLogLevel Level { get; }

            public string Message { get; }
        }
    }
}
