using System.Text.Json.Nodes;
using Cloudthread.Emulator.Model;
using Microsoft.Data.Sqlite;

namespace Cloudthread.Emulator.State;

/// <summary>
/// Write-through persistence of the mutable state (users, teams, custom data, events) in one SQLite
/// file. Every method commits one transaction before returning, so a write the API has acknowledged
/// survives a restart. Callers serialize access (EmulatorState holds its lock around every call).
/// </summary>
internal sealed class SqliteStore : IDisposable
{
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        PRAGMA synchronous = NORMAL;
        CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS users (ord INTEGER NOT NULL, id TEXT PRIMARY KEY, email TEXT NOT NULL, name TEXT NOT NULL, role TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS teams (ord INTEGER NOT NULL, id TEXT PRIMARY KEY, definition TEXT NOT NULL, members TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS custom_data (
            metric_name TEXT NOT NULL, agg_func TEXT NOT NULL, dimensions TEXT NOT NULL, ts INTEGER NOT NULL,
            token TEXT NOT NULL, value REAL NOT NULL,
            PRIMARY KEY (metric_name, agg_func, dimensions, ts));
        CREATE TABLE IF NOT EXISTS events (seq INTEGER PRIMARY KEY AUTOINCREMENT, ts INTEGER NOT NULL, team_id TEXT, payload TEXT NOT NULL);
        """;

    private readonly SqliteConnection _connection;

    public SqliteStore(string path)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = full, Pooling = false }.ToString());
        _connection.Open();
        Execute(Schema);
    }

    /// <summary>True once the file holds a full state (seeded at least once).</summary>
    public bool HasState
    {
        get
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT value FROM meta WHERE key = 'seeded'";
            return command.ExecuteScalar() is not null;
        }
    }

    public void ReplaceAll(IEnumerable<UserRecord> users, IEnumerable<TeamRecord> teams, IEnumerable<CustomDataRecord> customData)
    {
        using var transaction = _connection.BeginTransaction();
        foreach (var table in new[] { "users", "teams", "custom_data", "events" })
        {
            Execute("DELETE FROM " + table, transaction);
        }

        foreach (var user in users)
        {
            WriteUser(user, transaction);
        }

        foreach (var team in teams)
        {
            WriteTeam(team, transaction);
        }

        WriteCustomData(customData, transaction);
        Execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('seeded', '1')", transaction);
        transaction.Commit();
    }

    public void SaveUser(UserRecord user) => InTransaction(t => WriteUser(user, t));

    public void SaveTeam(TeamRecord team) => InTransaction(t => WriteTeam(team, t));

    public void SaveTeams(IEnumerable<TeamRecord> teams) => InTransaction(t =>
    {
        foreach (var team in teams)
        {
            WriteTeam(team, t);
        }
    });

    public void DeleteTeam(string id) => InTransaction(t =>
    {
        using var command = Command("DELETE FROM teams WHERE id = $id", t);
        command.Parameters.AddWithValue("$id", id);
        command.ExecuteNonQuery();
    });

    public void UpsertCustomData(IEnumerable<CustomDataRecord> records) => InTransaction(t => WriteCustomData(records, t));

    public void AddEvents(IEnumerable<EventRecord> events) => InTransaction(t =>
    {
        using var command = Command("INSERT INTO events (ts, team_id, payload) VALUES ($ts, $team, $payload)", t);
        var ts = command.Parameters.Add("$ts", SqliteType.Integer);
        var team = command.Parameters.Add("$team", SqliteType.Text);
        var payload = command.Parameters.Add("$payload", SqliteType.Text);
        foreach (var item in events)
        {
            ts.Value = item.EpochSeconds;
            team.Value = item.TeamId is null ? DBNull.Value : item.TeamId.ToJsonString();
            payload.Value = item.Payload.ToJsonString();
            command.ExecuteNonQuery();
        }
    });

    public List<UserRecord> LoadUsers()
    {
        var result = new List<UserRecord>();
        using var command = Command("SELECT id, email, name, role FROM users ORDER BY ord, id", null);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            result.Add(new UserRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }

        return result;
    }

    public List<TeamRecord> LoadTeams()
    {
        var result = new List<TeamRecord>();
        using var command = Command("SELECT id, definition, members FROM teams ORDER BY ord, id", null);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var definition = (JsonObject)JsonNode.Parse(reader.GetString(1))!;
            var members = JsonNode.Parse(reader.GetString(2))!.AsArray().Select(n => n!.GetValue<string>()).ToList();
            result.Add(new TeamRecord(reader.GetString(0), definition, members));
        }

        return result;
    }

    public List<CustomDataRecord> LoadCustomData()
    {
        var result = new List<CustomDataRecord>();
        using var command = Command("SELECT token, metric_name, agg_func, dimensions, ts, value FROM custom_data", null);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            result.Add(new CustomDataRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2),
                CustomDataRecord.ParseDimensions(reader.GetString(3)), reader.GetInt64(4), reader.GetDouble(5)));
        }

        return result;
    }

    public List<EventRecord> LoadEvents()
    {
        var result = new List<EventRecord>();
        using var command = Command("SELECT ts, team_id, payload FROM events ORDER BY seq", null);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var team = reader.IsDBNull(1) ? null : JsonNode.Parse(reader.GetString(1));
            result.Add(new EventRecord(reader.GetInt64(0), team, (JsonObject)JsonNode.Parse(reader.GetString(2))!));
        }

        return result;
    }

    public void Dispose() => _connection.Dispose();

    private void WriteUser(UserRecord user, SqliteTransaction transaction)
    {
        using var command = Command("""
            INSERT INTO users (ord, id, email, name, role)
            VALUES ((SELECT COALESCE(MAX(ord), 0) + 1 FROM users), $id, $email, $name, $role)
            ON CONFLICT (id) DO UPDATE SET email = excluded.email, name = excluded.name, role = excluded.role
            """, transaction);
        command.Parameters.AddWithValue("$id", user.Id);
        command.Parameters.AddWithValue("$email", user.Email);
        command.Parameters.AddWithValue("$name", user.Name);
        command.Parameters.AddWithValue("$role", user.Role);
        command.ExecuteNonQuery();
    }

    private void WriteTeam(TeamRecord team, SqliteTransaction transaction)
    {
        using var command = Command("""
            INSERT INTO teams (ord, id, definition, members)
            VALUES ((SELECT COALESCE(MAX(ord), 0) + 1 FROM teams), $id, $definition, $members)
            ON CONFLICT (id) DO UPDATE SET definition = excluded.definition, members = excluded.members
            """, transaction);
        command.Parameters.AddWithValue("$id", team.Id);
        command.Parameters.AddWithValue("$definition", team.Definition.ToJsonString());
        command.Parameters.AddWithValue("$members", new JsonArray(team.MemberIds.Select(id => (JsonNode?)id).ToArray()).ToJsonString());
        command.ExecuteNonQuery();
    }

    private void WriteCustomData(IEnumerable<CustomDataRecord> records, SqliteTransaction transaction)
    {
        using var command = Command("""
            INSERT INTO custom_data (metric_name, agg_func, dimensions, ts, token, value)
            VALUES ($metric, $agg, $dimensions, $ts, $token, $value)
            ON CONFLICT (metric_name, agg_func, dimensions, ts) DO UPDATE SET token = excluded.token, value = excluded.value
            """, transaction);
        var metric = command.Parameters.Add("$metric", SqliteType.Text);
        var agg = command.Parameters.Add("$agg", SqliteType.Text);
        var dimensions = command.Parameters.Add("$dimensions", SqliteType.Text);
        var ts = command.Parameters.Add("$ts", SqliteType.Integer);
        var token = command.Parameters.Add("$token", SqliteType.Text);
        var value = command.Parameters.Add("$value", SqliteType.Real);
        command.Prepare();
        foreach (var record in records)
        {
            metric.Value = record.MetricName;
            agg.Value = record.AggFunc;
            dimensions.Value = record.DimensionsKey;
            ts.Value = record.EpochSeconds;
            token.Value = record.Token;
            value.Value = record.Value;
            command.ExecuteNonQuery();
        }
    }

    private void InTransaction(Action<SqliteTransaction> write)
    {
        using var transaction = _connection.BeginTransaction();
        write(transaction);
        transaction.Commit();
    }

    private SqliteCommand Command(string sql, SqliteTransaction? transaction)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    private void Execute(string sql, SqliteTransaction? transaction = null)
    {
        using var command = Command(sql, transaction);
        command.ExecuteNonQuery();
    }

}
