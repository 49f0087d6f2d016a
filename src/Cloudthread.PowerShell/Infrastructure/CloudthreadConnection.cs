using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Cloudthread.Client;

namespace Cloudthread.PowerShell.Infrastructure
{
    /// <summary>
    /// One Connect-Cloudthread: the client (one HttpClient) with its options, the default data stream token,
    /// and what the argument completers remember (team ids, metric ids used). Secrets stay inside the options.
    /// </summary>
    internal sealed class CloudthreadConnection : IDisposable
    {
        private static readonly TimeSpan TeamCacheLifetime = TimeSpan.FromMinutes(5);
        private readonly ConcurrentDictionary<string, byte> _costViewIds = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, byte> _unitMetricIds = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        private readonly object _teamCacheLock = new object();
        private IReadOnlyList<string>? _teamIds;
        private DateTime _teamIdsAt;
        private int _leases;
        private int _retired;
        private int _disposed;

        public CloudthreadConnection(CloudthreadClientOptions options, string? dataStreamToken, string apiKeySource, string scope = ConnectionStore.ProcessScope)
        {
            Options = options;
            Client = new CloudthreadClient(options);
            DataStreamToken = dataStreamToken;
            ApiKeySource = apiKeySource;
            Scope = scope;
            ConnectedAt = DateTimeOffset.Now;
        }

        /// <summary>Process (shared by every runspace) or Runspace.</summary>
        public string Scope { get; }

        public CloudthreadClient Client { get; }

        public CloudthreadClientOptions Options { get; }

        /// <summary>Plain text for the client only; never output.</summary>
        public string? DataStreamToken { get; }

        /// <summary>Where the key came from: Parameter, Environment, Vault (for Get-CtConnection).</summary>
        public string ApiKeySource { get; }

        public DateTimeOffset ConnectedAt { get; }

        public void RememberCostViewId(string id) => _costViewIds.TryAdd(id, 0);

        public void RememberUnitMetricId(string id) => _unitMetricIds.TryAdd(id, 0);

        public IReadOnlyList<string> CostViewIds => _costViewIds.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList();

        public IReadOnlyList<string> UnitMetricIds => _unitMetricIds.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList();

        /// <summary>Team ids for completion: the cached list, or null when it is missing or stale.</summary>
        public IReadOnlyList<string>? CachedTeamIds
        {
            get
            {
                lock (_teamCacheLock)
                {
                    return _teamIds is not null && DateTime.UtcNow - _teamIdsAt < TeamCacheLifetime ? _teamIds : null;
                }
            }
        }

        /// <summary>Called with every full team list the cmdlets read (Get-CtTeam, the completer).</summary>
        public void RememberTeamIds(IEnumerable<string> ids) => SetTeamIds((ids ?? throw new ArgumentNullException(nameof(ids))).ToList());

        /// <summary>Called after a change to the teams (New-, Remove-, Sync-CtTeam): the next completion reads them again.</summary>
        public void ForgetTeamIds() => SetTeamIds(null);

        private void SetTeamIds(List<string>? ids)
        {
            lock (_teamCacheLock)
            {
                _teamIds = ids;
                _teamIdsAt = DateTime.UtcNow;
            }
        }

        /// <summary>Leases the connection for one command; false once it is retired (take the current one instead).</summary>
        public bool TryAcquire()
        {
            Interlocked.Increment(ref _leases);
            if (Volatile.Read(ref _retired) == 0)
            {
                return true;
            }

            Release();
            return false;
        }

        /// <summary>Ends a lease; the last one of a retired connection disposes it.</summary>
        public void Release()
        {
            if (Interlocked.Decrement(ref _leases) == 0 && Volatile.Read(ref _retired) != 0)
            {
                DisposeOnce();
            }
        }

        /// <summary>Replaced or disconnected: disposed now if no command uses it, else when the last one ends.</summary>
        public void Retire()
        {
            Interlocked.Exchange(ref _retired, 1);
            if (Volatile.Read(ref _leases) == 0)
            {
                DisposeOnce();
            }
        }

        public void Dispose() => Retire();

        private void DisposeOnce()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Client.Dispose();
            }
        }
    }
}
