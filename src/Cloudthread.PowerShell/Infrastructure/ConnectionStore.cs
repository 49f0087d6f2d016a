using System;
using System.Collections.Concurrent;
using System.Management.Automation.Runspaces;
using System.Threading;

namespace Cloudthread.PowerShell.Infrastructure
{
    /// <summary>
    /// Where connections live. By default one connection serves the whole process (as Az and Microsoft Graph keep
    /// their context), so ForEach-Object -Parallel, thread jobs and runspace pools use what Connect-Cloudthread set.
    /// A runspace may hold its own (Connect-Cloudthread -Scope Runspace), which wins there: for scripts that work
    /// with several connections at once. A replaced connection is retired, and disposed once no command uses it.
    /// </summary>
    internal static class ConnectionStore
    {
        public const string ProcessScope = "Process";
        public const string RunspaceScope = "Runspace";

        private static readonly ConcurrentDictionary<Guid, CloudthreadConnection> RunspaceConnections = new ConcurrentDictionary<Guid, CloudthreadConnection>();
        private static readonly ConcurrentDictionary<Guid, byte> Watched = new ConcurrentDictionary<Guid, byte>();
        private static CloudthreadConnection? _process;

        /// <summary>The connection in effect here: this runspace's own, else the process's.</summary>
        public static CloudthreadConnection? Current =>
            RunspaceConnections.TryGetValue(CurrentKey(), out var connection) ? connection : Volatile.Read(ref _process);

        /// <summary>
        /// The connection in effect, leased for one command (release it with <see cref="CloudthreadConnection.Release"/>):
        /// a Connect-Cloudthread in another runspace meanwhile cannot dispose it under the command.
        /// </summary>
        public static CloudthreadConnection? Acquire()
        {
            while (true)
            {
                var connection = Current;
                if (connection is null || connection.TryAcquire())
                {
                    return connection;
                }
            }
        }

        /// <summary>Makes <paramref name="connection"/> current in its scope and retires the one it replaces.</summary>
        public static void Set(CloudthreadConnection connection)
        {
            var key = CurrentKey();
            if (connection.Scope == RunspaceScope)
            {
                CloudthreadConnection? previous = null;
                RunspaceConnections.AddOrUpdate(key, connection, (_, old) =>
                {
                    previous = old;
                    return connection;
                });
                previous?.Retire();
                WatchRunspace(key);
                return;
            }

            // A process-wide connect also ends this runspace's own one: the new connection is what the caller asked for.
            if (RunspaceConnections.TryRemove(key, out var own))
            {
                own.Retire();
            }

            Interlocked.Exchange(ref _process, connection)?.Retire();
        }

        /// <summary>Removes and retires the connection in effect here (the runspace's own, else the process's); false when there was none.</summary>
        public static bool Remove()
        {
            if (RunspaceConnections.TryRemove(CurrentKey(), out var own))
            {
                own.Retire();
                return true;
            }

            var process = Interlocked.Exchange(ref _process, null);
            process?.Retire();
            return process is not null;
        }

        private static Guid CurrentKey() => Runspace.DefaultRunspace?.InstanceId ?? Guid.Empty;

        private static void WatchRunspace(Guid key)
        {
            var runspace = Runspace.DefaultRunspace;
            if (runspace is null || !Watched.TryAdd(key, 0))
            {
                return;
            }

            runspace.StateChanged += (_, e) =>
            {
                if (e.RunspaceStateInfo.State == RunspaceState.Closed || e.RunspaceStateInfo.State == RunspaceState.Broken)
                {
                    Watched.TryRemove(key, out byte _);
                    if (RunspaceConnections.TryRemove(key, out var connection))
                    {
                        connection.Retire();
                    }
                }
            };
        }
    }
}
