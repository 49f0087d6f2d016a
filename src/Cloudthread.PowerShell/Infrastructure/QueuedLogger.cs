using System;
using System.Collections.Concurrent;
using System.Threading;
using Cloudthread.Client;

namespace Cloudthread.PowerShell.Infrastructure
{
    /// <summary>
    /// Collects the client's log lines from any thread so that the pipeline thread can write them
    /// (WriteVerbose/WriteDebug may only be called there), and wakes it up when one is queued. Lines
    /// logged after the invocation ended (or after Ctrl+C abandoned it) are dropped.
    /// </summary>
    internal sealed class QueuedLogger : ICloudthreadLogger, IDisposable
    {
        private readonly bool _summary;
        private readonly bool _detail;
        private readonly ConcurrentQueue<LogLine> _lines = new ConcurrentQueue<LogLine>();
        private readonly AutoResetEvent _lineQueued = new AutoResetEvent(false);
        private readonly object _gate = new object();
        private bool _closed;

        public QueuedLogger(bool summary, bool detail)
        {
            _summary = summary;
            _detail = detail;
        }

        /// <summary>Set when a line is queued: the pipeline thread waits on it (with the work's end) to write lines as they come.</summary>
        public WaitHandle LineQueued => _lineQueued;

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
                    _lines.Enqueue(new LogLine(level, message));
                    _lineQueued.Set();
                }
            }
        }

        /// <summary>Takes the oldest line queued, without waiting.</summary>
        public bool TryTake(out LogLine line) => _lines.TryDequeue(out line);

        public void Dispose()
        {
            lock (_gate)
            {
                if (!_closed)
                {
                    _closed = true;
                    _lineQueued.Dispose();
                }
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
