using System.Runtime.InteropServices;
using Cloudthread.Emulator.Http;
using Cloudthread.Emulator.Model;

namespace Cloudthread.Emulator.State;

/// <summary>
/// The org's mutable state behind one lock. Every write validates against the current state,
/// persists (when a data file is set) and only then changes memory, all under the lock: a request
/// is applied completely or not at all, and concurrent requests never interleave half-way.
/// </summary>
internal sealed class EmulatorState : IDisposable
{
    private readonly Lock _gate = new();
    private readonly SqliteStore? _store;
    private readonly List<UserRecord> _users = [];
    private readonly List<TeamRecord> _teams = [];
    // What each point's key holds is not stored again: only the token that wrote it and the value, inline in the
    // table, so storing a point allocates nothing the collector must later move.
    private readonly Dictionary<CustomDataKey, StoredPoint> _customData = [];
    private readonly List<EventRecord> _events = [];

    public EmulatorState(OrgSeed seed, SqliteStore? store)
    {
        Seed = seed;
        _store = store;
        lock (_gate)
        {
            if (store is not null && store.HasState)
            {
                _users.AddRange(store.LoadUsers());
                _teams.AddRange(store.LoadTeams());
                foreach (var record in store.LoadCustomData())
                {
                    _customData[record.Key] = new StoredPoint(record.Token, record.Value);
                }

                _events.AddRange(store.LoadEvents());
            }
            else
            {
                ResetLocked();
            }
        }
    }

    /// <summary>The read-only part of the org (catalogs, cost views, unit metrics, opportunities, channels).</summary>
    public OrgSeed Seed { get; }

    public void Reset()
    {
        lock (_gate)
        {
            ResetLocked();
        }
    }

    public List<UserRecord> GetUsers()
    {
        lock (_gate)
        {
            return [.. _users];
        }
    }

    public UserRecord AddUser(string email, string name, string role, string? teamId)
    {
        lock (_gate)
        {
            if (_users.Any(u => string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase)))
            {
                throw ApiException.Validation("email", $"a user with email '{email}' already exists");
            }

            var teamIndex = -1;
            if (teamId is not null)
            {
                teamIndex = FindTeamIndex(teamId);
                if (teamIndex < 0)
                {
                    throw TeamNotFound(teamId);
                }
            }

            var user = new UserRecord(NextUserId(), email, name, role);
            TeamRecord? team = null;
            if (teamIndex >= 0)
            {
                team = _teams[teamIndex] with { MemberIds = [.. _teams[teamIndex].MemberIds, user.Id] };
            }

            if (_store is not null)
            {
                _store.SaveUser(user);
                if (team is not null)
                {
                    _store.SaveTeam(team);
                }
            }

            _users.Add(user);
            if (team is not null)
            {
                _teams[teamIndex] = team;
            }

            return user;
        }
    }

    public List<TeamRecord> GetTeams()
    {
        lock (_gate)
        {
            return [.. _teams];
        }
    }

    public TeamRecord GetTeam(string id)
    {
        lock (_gate)
        {
            var index = FindTeamIndex(id);
            return index < 0 ? throw TeamNotFound(id) : _teams[index];
        }
    }

    public TeamRecord CreateTeam(TeamRecord team)
    {
        lock (_gate)
        {
            if (FindTeamIndex(team.Id) >= 0)
            {
                throw ApiException.Validation("id", $"a team with id '{team.Id}' already exists");
            }

            _store?.SaveTeam(team);
            _teams.Add(team);
            return team;
        }
    }

    /// <summary>Replaces a team's definition (PATCH sends the whole object); members are kept.</summary>
    public TeamRecord ReplaceTeam(string id, System.Text.Json.Nodes.JsonObject definition)
    {
        lock (_gate)
        {
            var index = FindTeamIndex(id);
            if (index < 0)
            {
                throw TeamNotFound(id);
            }

            var updated = _teams[index] with { Definition = definition };
            _store?.SaveTeam(updated);
            _teams[index] = updated;
            return updated;
        }
    }

    public void DeleteTeam(string id)
    {
        lock (_gate)
        {
            var index = FindTeamIndex(id);
            if (index < 0)
            {
                throw TeamNotFound(id);
            }

            _store?.DeleteTeam(id);
            _teams.RemoveAt(index);
        }
    }

    public List<UserRecord> GetMembers(string teamId)
    {
        lock (_gate)
        {
            var index = FindTeamIndex(teamId);
            return index < 0 ? throw TeamNotFound(teamId) : MembersLocked(_teams[index]);
        }
    }

    /// <summary>Adds (assign) or removes users; every id must name a user, else nothing changes.</summary>
    public List<UserRecord> ChangeMembers(string teamId, IReadOnlyList<string> userIds, bool assign)
    {
        lock (_gate)
        {
            var index = FindTeamIndex(teamId);
            if (index < 0)
            {
                throw TeamNotFound(teamId);
            }

            var unknown = userIds.Where(id => !_users.Any(u => u.Id == id)).Distinct(StringComparer.Ordinal).ToList();
            if (unknown.Count > 0)
            {
                throw new ApiException(404, ErrorCodes.UserNotFound,
                    $"No user with id {string.Join(", ", unknown.Select(id => "'" + id + "'"))}; nothing was changed.",
                    unknown.Select(id => new ErrorDetail("users_ids", $"unknown user id '{id}'")).ToList());
            }

            var members = _teams[index].MemberIds.ToList();
            foreach (var id in userIds)
            {
                if (assign && !members.Contains(id))
                {
                    members.Add(id);
                }
                else if (!assign)
                {
                    members.Remove(id);
                }
            }

            var updated = _teams[index] with { MemberIds = members };
            _store?.SaveTeam(updated);
            _teams[index] = updated;
            return MembersLocked(updated);
        }
    }

    public void UpsertCustomData(List<CustomDataRecord> records)
    {
        lock (_gate)
        {
            _store?.UpsertCustomData(records);
            foreach (ref readonly var record in CollectionsMarshal.AsSpan(records))
            {
                _customData[record.Key] = new StoredPoint(record.Token, record.Value);
            }
        }
    }

    /// <summary>Stores events after checking, under the lock, that every team they name exists.</summary>
    public void AddEvents(IReadOnlyList<EventRecord> events, IReadOnlyList<(string Path, string TeamId)> teamReferences)
    {
        lock (_gate)
        {
            var missing = teamReferences.Where(r => FindTeamIndex(r.TeamId) < 0).ToList();
            if (missing.Count > 0)
            {
                throw new ApiException(404, ErrorCodes.TeamNotFound,
                    $"No team with id '{missing[0].TeamId}'; no event was stored.",
                    missing.Select(m => new ErrorDetail(m.Path, $"no team with id '{m.TeamId}'")).ToList());
            }

            _store?.AddEvents(events);
            _events.AddRange(events);
        }
    }

    /// <summary>Every custom-data point in a stable order: token, metric, agg, dimensions, timestamp.</summary>
    public List<CustomDataRecord> DumpCustomData()
    {
        List<CustomDataRecord> copy;
        lock (_gate)
        {
            copy = new List<CustomDataRecord>(_customData.Count);
            foreach (var (key, point) in _customData)
            {
                copy.Add(new CustomDataRecord(point.Token, key.MetricName, key.AggFunc, key.Dimensions.Pairs, key.Dimensions, key.EpochSeconds, point.Value));
            }
        }

        return copy
            .OrderBy(r => r.Token, StringComparer.Ordinal)
            .ThenBy(r => r.MetricName, StringComparer.Ordinal)
            .ThenBy(r => r.AggFunc, StringComparer.Ordinal)
            .ThenBy(r => r.DimensionsKey, StringComparer.Ordinal)
            .ThenBy(r => r.EpochSeconds)
            .ToList();
    }

    public List<EventRecord> DumpEvents()
    {
        lock (_gate)
        {
            return [.. _events];
        }
    }

    /// <summary>(epoch seconds, value) of every point of one custom metric, all dimensions.</summary>
    public List<(long EpochSeconds, double Value)> GetCustomPoints(string metricName, string aggFunc)
    {
        lock (_gate)
        {
            var points = new List<(long EpochSeconds, double Value)>();
            foreach (var (key, point) in _customData)
            {
                if (key.MetricName == metricName && key.AggFunc == aggFunc)
                {
                    points.Add((key.EpochSeconds, point.Value));
                }
            }

            return points;
        }
    }

    public void Dispose() => _store?.Dispose();

    private static ApiException TeamNotFound(string id) =>
        ApiException.NotFound(ErrorCodes.TeamNotFound, $"No team with id '{id}'.");

    private void ResetLocked()
    {
        _store?.ReplaceAll(Seed.Users, Seed.Teams, Seed.CustomData);
        _users.Clear();
        _users.AddRange(Seed.Users);
        _teams.Clear();
        _teams.AddRange(Seed.Teams);
        _customData.Clear();
        foreach (var record in Seed.CustomData)
        {
            _customData[record.Key] = new StoredPoint(record.Token, record.Value);
        }

        _events.Clear();
    }

    private int FindTeamIndex(string id) => _teams.FindIndex(t => string.Equals(t.Id, id, StringComparison.Ordinal));

    private List<UserRecord> MembersLocked(TeamRecord team) =>
        team.MemberIds.Select(id => _users.FirstOrDefault(u => u.Id == id)).OfType<UserRecord>().ToList();

    private string NextUserId()
    {
        var max = 0L;
        foreach (var user in _users)
        {
            if (user.Id.StartsWith("u-", StringComparison.Ordinal) &&
                long.TryParse(user.Id.AsSpan(2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) &&
                n > max)
            {
                max = n;
            }
        }

        return "u-" + (max + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>What a stored point holds besides its key.</summary>
    private readonly record struct StoredPoint(string Token, double Value);
}
