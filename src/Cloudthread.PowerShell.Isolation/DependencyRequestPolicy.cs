using System;
using System.Collections.Concurrent;
using System.IO;
using System.Reflection;

namespace Cloudthread.PowerShell.Isolation
{
    /// <summary>
    /// The pure decisions of dependency isolation, kept free of loading so they can be unit-tested:
    /// which requests are ours, which file answers them, and (PowerShell 7) whether the runtime's copy wins.
    /// </summary>
    internal sealed class DependencyRequestPolicy
    {
        /// <summary>The one assembly bridged into PowerShell's own load context; its name is unique to this module.</summary>
        internal const string ClientAssemblyName = "Cloudthread.Client";

        private readonly string _moduleDirectory;
        private readonly string _dependenciesDirectory;
        private readonly Func<string, Version?> _runtimeVersion;
        private readonly ConcurrentDictionary<string, Version?> _shippedVersions = new ConcurrentDictionary<string, Version?>(StringComparer.OrdinalIgnoreCase);

        public DependencyRequestPolicy(string moduleDirectory)
            : this(moduleDirectory, name => RuntimeAssemblies.Current.VersionOf(name))
        {
        }

        /// <param name="moduleDirectory">The folder of the module (Dependencies/ is under it).</param>
        /// <param name="runtimeVersion">The version the runtime provides for a simple name, or null when it provides none.</param>
        internal DependencyRequestPolicy(string moduleDirectory, Func<string, Version?> runtimeVersion)
        {
            _runtimeVersion = runtimeVersion ?? throw new ArgumentNullException(nameof(runtimeVersion));
            if (string.IsNullOrEmpty(moduleDirectory))
            {
                throw new ArgumentException("The module directory is required.", nameof(moduleDirectory));
            }

            _moduleDirectory = Normalize(moduleDirectory);
            _dependenciesDirectory = Normalize(Path.Combine(moduleDirectory, "Dependencies"));
        }

        public string DependenciesDirectory => _dependenciesDirectory;

        /// <summary>The file in Dependencies/ for this name, or null when we do not ship one.</summary>
        public string? DependencyFile(AssemblyName requested)
        {
            if (requested is null || string.IsNullOrEmpty(requested.Name))
            {
                return null;
            }

            // A simple name never contains a path, but a crafted one must not escape the folder.
            string name = requested.Name!;
            if (name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || name.Contains(".."))
            {
                return null;
            }

            string candidate = Path.Combine(_dependenciesDirectory, name + ".dll");
            return File.Exists(candidate) ? candidate : null;
        }

        /// <summary>
        /// PowerShell 7: the file to load into the private context, or null to let the runtime answer. The rule
        /// (Microsoft Graph's): an assembly the runtime already provides comes from the runtime unless ours is
        /// newer. So the .NET Framework polyfills (System.Memory, System.Buffers, System.Threading.Tasks.Extensions,
        /// System.Runtime.CompilerServices.Unsafe...) and anything PowerShell carries at our version or later are
        /// the runtime's, and Span, Memory and ValueTask in the client are the runtime's types; only what the
        /// runtime lacks, or has in an older version than we ship, loads privately. Cloudthread.Client is always ours.
        /// </summary>
        public string? PrivateFile(AssemblyName requested)
        {
            string? file = DependencyFile(requested);
            if (file is null || IsClient(requested))
            {
                return file;
            }

            Version? shipped = _shippedVersions.GetOrAdd(requested.Name!, _ => AssemblyVersion.Of(file));
            return RuntimeWins(_runtimeVersion(requested.Name!), shipped, requested.Version) ? null : file;
        }

        /// <summary>
        /// The runtime's copy wins when it exists, is at least the version we ship (or ours cannot be read), and
        /// can satisfy the version asked for (the default context refuses an older one than asked).
        /// </summary>
        internal static bool RuntimeWins(Version? runtime, Version? shipped, Version? requested) =>
            runtime != null
            && (shipped is null || runtime >= shipped)
            && (requested is null || runtime >= requested);

        /// <summary>
        /// Whether an assembly at this location belongs to the module (its root or Dependencies/),
        /// so that requests it makes are ours to answer.
        /// </summary>
        public bool IsModuleAssembly(string? location)
        {
            if (string.IsNullOrEmpty(location))
            {
                return false;
            }

            string directory = Normalize(Path.GetDirectoryName(location!) ?? string.Empty);
            return PathEquals(directory, _moduleDirectory) || PathEquals(directory, _dependenciesDirectory);
        }

        /// <summary>
        /// Windows PowerShell 5.1 (AppDomain.AssemblyResolve): answer only requests made by our own assemblies,
        /// plus Cloudthread.Client itself (unique to us) when the runtime does not say who asked. Any version
        /// asked for is answered with the one we ship, which is what binding redirects would do.
        /// </summary>
        public string? ResolveForDesktop(AssemblyName requested, string? requestingAssemblyLocation)
        {
            bool ours = IsModuleAssembly(requestingAssemblyLocation)
                || (requestingAssemblyLocation is null && IsClient(requested));
            return ours ? DependencyFile(requested) : null;
        }

        public static bool IsClient(AssemblyName requested) =>
            requested != null && string.Equals(requested.Name, ClientAssemblyName, StringComparison.OrdinalIgnoreCase);

        private static string Normalize(string path) =>
            Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);

        // Windows paths are case-insensitive; elsewhere a case difference is a different folder.
        private static bool PathEquals(string a, string b) =>
            string.Equals(a, b, Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
    }
}
