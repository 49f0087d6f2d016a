using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Reflection;

namespace Cloudthread.PowerShell.Isolation
{
    /// <summary>
    /// What the runtime itself provides on PowerShell 7: the trusted platform assemblies (the shared framework
    /// and everything pwsh's deps.json lists, PowerShell's own folder included), which the default load context
    /// binds by name. Versions are read from the files on first ask and kept. On .NET Framework there is no such
    /// list, and nothing is reported.
    /// </summary>
    internal sealed class RuntimeAssemblies
    {
        private static readonly Lazy<RuntimeAssemblies> s_current =
            new Lazy<RuntimeAssemblies>(() => new RuntimeAssemblies(AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string));

        private readonly Dictionary<string, string> _paths = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        private readonly ConcurrentDictionary<string, Version?> _versions = new ConcurrentDictionary<string, Version?>(StringComparer.OrdinalIgnoreCase);

        /// <param name="trustedPlatformAssemblies">Paths separated by <see cref="Path.PathSeparator"/>, as the host sets them.</param>
        internal RuntimeAssemblies(string? trustedPlatformAssemblies)
        {
            if (string.IsNullOrEmpty(trustedPlatformAssemblies))
            {
                return;
            }

            foreach (string path in trustedPlatformAssemblies!.Split(new[] { Path.PathSeparator }, StringSplitOptions.RemoveEmptyEntries))
            {
                if (path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
                {
                    // The host lists each simple name once; keep the first if it ever did not.
                    string name = Path.GetFileNameWithoutExtension(path);
                    if (!_paths.ContainsKey(name))
                    {
                        _paths.Add(name, path);
                    }
                }
            }
        }

        public static RuntimeAssemblies Current => s_current.Value;

        /// <summary>The assembly version the runtime has for this simple name, or null when it has none.</summary>
        public Version? VersionOf(string simpleName) =>
            _paths.TryGetValue(simpleName, out string? path) ? _versions.GetOrAdd(simpleName, _ => AssemblyVersion.Of(path)) : null;
    }

    internal static class AssemblyVersion
    {
        /// <summary>The assembly version in a file's metadata (not loaded), or null when it cannot be read.</summary>
        public static Version? Of(string path)
        {
            try
            {
                return AssemblyName.GetAssemblyName(path).Version;
            }
            catch (Exception exception) when (exception is IOException || exception is BadImageFormatException || exception is UnauthorizedAccessException || exception is ArgumentException)
            {
                return null;
            }
        }
    }
}
