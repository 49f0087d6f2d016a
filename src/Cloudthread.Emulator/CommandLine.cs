using System.Collections;
using System.Globalization;

namespace Cloudthread.Emulator;

/// <summary>
/// Parses <c>--name value</c> options and their <c>CLOUDTHREAD_EMULATOR_NAME</c> environment
/// variables (command line wins) into <see cref="EmulatorOptions"/>.
/// </summary>
internal static class CommandLine
{
    public const string EnvironmentPrefix = "CLOUDTHREAD_EMULATOR_";

    public const string Usage = """
        Usage: cloudthread-emulator [options]
          --urls URL[;URL]              listen URL(s) (default http://127.0.0.1:5080; port 0 picks a free port)
          --api-keys K1,K2              full-access API keys (default ct-demo-api-key)
          --readonly-api-keys K1,K2     read-only API keys (default ct-demo-readonly-key)
          --data-stream-tokens T1,T2    accepted data stream tokens (default ct-demo-stream-token,ct-demo-stream-token-2)
          --data-file PATH              SQLite file; every accepted write is stored before the response
          --seed-file PATH              JSON file replacing the demo org
          --max-body-bytes N            request body limit (default 16777216)
          --fault-throttle-rate R       share of requests answered 429 (0 to 1)
          --fault-retry-after-seconds N Retry-After of injected 429s (default 1)
          --fault-error-rate R          share of requests answered --fault-error-status
          --fault-error-status S        500, 502, 503 or 504 (default 503)
          --fault-latency-ms N          latency added to every API request
          --fault-drop-rate R           share of connections aborted before processing
          --quiet                       log nothing (default: warnings only)
        Every option can also be set as CLOUDTHREAD_EMULATOR_<NAME> (e.g. CLOUDTHREAD_EMULATOR_DATA_FILE).
        """;

    private static readonly string[] Names =
    [
        "urls", "api-keys", "readonly-api-keys", "data-stream-tokens", "data-file", "seed-file", "max-body-bytes",
        "fault-throttle-rate", "fault-retry-after-seconds", "fault-error-rate", "fault-error-status", "fault-latency-ms",
        "fault-drop-rate", "quiet",
    ];

    /// <summary>
    /// What the executable prints once it listens: the address, then the keys to use. Only the built-in demo values
    /// (public, documented) are shown; keys and tokens given by option or environment are secrets and are not.
    /// </summary>
    public static IReadOnlyList<string> StartupLines(EmulatorOptions options, Uri baseUri) =>
    [
        "Cloudthread emulator listening on " + baseUri.GetLeftPart(UriPartial.Authority),
        "API key: " + Shown(options.ApiKeys, EmulatorOptions.DemoApiKey, "api-keys"),
        "Read-only API key: " + Shown(options.ReadOnlyApiKeys, EmulatorOptions.DemoReadOnlyApiKey, "readonly-api-keys"),
        "Data stream token: " + Shown(options.DataStreamTokens, EmulatorOptions.DemoDataStreamToken, "data-stream-tokens"),
    ];

    private static string Shown(IReadOnlyList<string> values, string demo, string option) =>
        values.Count == 0 ? "(none)" : values[0] == demo ? demo : "(as given by --" + option + "; not shown)";

    /// <summary>Returns the options, or null when help was asked for. Throws ArgumentException on bad input.</summary>
    public static EmulatorOptions? Parse(IReadOnlyList<string> args, IDictionary environment)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in Names)
        {
            var variable = EnvironmentPrefix + name.Replace('-', '_').ToUpperInvariant();
            if (environment[variable] is string value && value.Length > 0)
            {
                values[name] = value;
            }
        }

        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "-h" or "--help" or "-?")
            {
                return null;
            }

            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"unexpected argument '{arg}'");
            }

            var name = arg[2..];
            string? inline = null;
            var eq = name.IndexOf('=', StringComparison.Ordinal);
            if (eq >= 0)
            {
                inline = name[(eq + 1)..];
                name = name[..eq];
            }

            if (!Names.Contains(name))
            {
                throw new ArgumentException($"unknown option '--{name}'");
            }

            if (name == "quiet")
            {
                values[name] = inline ?? "true";
                continue;
            }

            if (inline is null)
            {
                if (i + 1 >= args.Count)
                {
                    throw new ArgumentException($"option '--{name}' needs a value");
                }

                inline = args[++i];
            }

            values[name] = inline;
        }

        var options = new EmulatorOptions { Urls = ["http://127.0.0.1:5080"] };
        var faults = options.Faults;
        foreach (var (name, value) in values)
        {
            switch (name)
            {
                case "urls": options.Urls = List(value, ';', name); break;
                case "api-keys": options.ApiKeys = List(value, ',', name); break;
                case "readonly-api-keys": options.ReadOnlyApiKeys = List(value, ',', name); break;
                case "data-stream-tokens": options.DataStreamTokens = List(value, ',', name); break;
                case "data-file": options.DataFile = value; break;
                case "seed-file": options.SeedFile = value; break;
                case "max-body-bytes": options.MaxBodyBytes = Long(value, name); break;
                case "quiet": options.Quiet = Bool(value, name); break;
                case "fault-throttle-rate": faults = faults with { ThrottleRate = Double(value, name) }; break;
                case "fault-retry-after-seconds": faults = faults with { RetryAfterSeconds = (int)Long(value, name) }; break;
                case "fault-error-rate": faults = faults with { ErrorRate = Double(value, name) }; break;
                case "fault-error-status": faults = faults with { ErrorStatus = (int)Long(value, name) }; break;
                case "fault-latency-ms": faults = faults with { LatencyMs = (int)Long(value, name) }; break;
                case "fault-drop-rate": faults = faults with { DropRate = Double(value, name) }; break;
            }
        }

        if (faults.Validate() is { } problem)
        {
            throw new ArgumentException(problem);
        }

        if (options.MaxBodyBytes < 1)
        {
            throw new ArgumentException("--max-body-bytes must be positive");
        }

        options.Faults = faults;
        return options;
    }

    private static string[] List(string value, char separator, string name)
    {
        var items = value.Split(separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return name == "urls" && items.Length == 0 ? throw new ArgumentException("--urls needs at least one URL") : items;
    }

    private static long Long(string value, string name) =>
        long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n is >= 0 and <= int.MaxValue
            ? n
            : throw new ArgumentException($"--{name} must be a non-negative integer");

    private static double Double(string value, string name) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new ArgumentException($"--{name} must be a number");

    private static bool Bool(string value, string name) =>
        bool.TryParse(value, out var b) ? b : throw new ArgumentException($"--{name} must be true or false");
}
