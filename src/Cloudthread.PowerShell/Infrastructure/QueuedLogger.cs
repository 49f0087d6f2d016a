using System;
using System.Collections.Concurrent;
using Cloudthread.Client;

namespace Cloudthread.PowerShell.Infrastructure
{
    /// <summary>
    /// Collects the client's log lines from any thread so that the pipeline thread can write them
    /// (WriteVerbose/WriteDebug may only be called there). Lines logged after the operation ended
    /// (or after Ctrl+C abandoned it) are dropped.
    /// </summary>
    internal sealed class QueuedLogger : ICloudthreadLogger, IDisposable
    {
        private readonly bool _summary;
        private readonly bool _detail;
        private readonly object _gate = new object();
        private bool _closed;

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
                if (!_closed)
                {
                    Lines.Add(new LogLine(level, message));
                }
            }
        }

        /// <summary>No more lines: the reader's loop ends once it has written what is queued.</summary>
        public void Complete()
        {
            lock (_gate)
            {
                if (!_closed)
                {
                    _closed = true;
                    Lines.CompleteAdding();
                }
            }
        }

        public void Dispose()
        {
            lock (_gate)
            {
                _closed = true;
                Lines.Dispose();
            }
        }

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
