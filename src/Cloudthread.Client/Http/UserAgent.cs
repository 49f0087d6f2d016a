using System;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;

namespace Cloudthread.Client.Http
{
    /// <summary><c>CloudthreadPS/0.1.0 (Debian GNU/Linux 12; .NET 8.0.11)</c>: who is calling, for the server's logs and support.</summary>
    internal static class UserAgent
    {
        private static readonly Lazy<string> Cached = new Lazy<string>(Build);

        public static string Value => Cached.Value;

        public static string ProductVersion
        {
            get
            {
                var assembly = typeof(UserAgent).Assembly;
                var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                    ?? assembly.GetName().Version?.ToString()
                    ?? "0.0.0";
                var plus = version.IndexOf('+');
                return plus >= 0 ? version.Substring(0, plus) : version;
            }
        }

        private static string Build() =>
            "CloudthreadPS/" + Clean(ProductVersion) + " (" + Clean(RuntimeInformation.OSDescription) + "; " + Clean(RuntimeInformation.FrameworkDescription) + ")";

        /// <summary>Header-safe text: printable ASCII only, parentheses balanced away, runs of spaces collapsed.</summary>
        internal static string Clean(string? text)
        {
            var builder = new StringBuilder();
            foreach (var c in (text ?? string.Empty).Trim())
            {
                var safe = c < 0x20 || c > 0x7E ? ' ' : c == '(' ? '[' : c == ')' ? ']' : c;
                if (safe == ' ' && builder.Length > 0 && builder[builder.Length - 1] == ' ')
                {
                    continue;
                }

                builder.Append(safe);
            }

            return builder.ToString().Trim();
        }
    }
}
