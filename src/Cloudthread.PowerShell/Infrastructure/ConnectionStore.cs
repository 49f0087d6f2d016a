using System;
using System.Collections.Concurrent;
using System.Management.Automation.Runspaces;

namespace Cloudthread.PowerShell.Infrastructure
{
    /// <summary>
    /// The current connection of each runspace (so that two runspaces of one process, e.g. parallel jobs,
    /// do not share or overwrite each other's connection). A connection is disposed when its runspace closes.
    /// </summary>
    internal static class ConnectionStore
    {
        private static readonly ConcurrentDictionary<Guid, CloudthreadConnection> Connections = new ConcurrentDictionary<Guid, CloudthreadConnection>();
        private static readonly ConcurrentDictionary<Guid, byte> Watched = new ConcurrentDictionary<Guid, byte>();

        public static CloudthreadConnection? Current =>
            Connections.TryGetValue(CurrentKey(), out var connection) ? connection : null;

        /// <summary>Makes <paramref name="connection"/> current and disposes the one it replaces.</summary>
        public static void Set(CloudthreadConnection connection)
        {
            var key = CurrentKey();
            CloudthreadConnection? previous = null;
            Connections.AddOrUpdate(key, connection, (_, old) =>
            {
                previous = old;
                return connection;
            });
            previous?.Dispose();
            WatchRunspace(key);
        }

        /// <summary>Removes and disposes the current connection; false when there was none.</summary>
        public static bool Remove()
        {
            if (Connections.TryRemove(CurrentKey(), out var connection))
            {
                connection.Dispose();
                return true;
            }

            return false;
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
                    if (Connections.TryRemove(key, out var connection))
                    {
                        connection.Dispose();
                    }
                }
            };
        }
    }
}
