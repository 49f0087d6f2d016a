using System;
using System.IO;
using System.Runtime.CompilerServices;

namespace Cloudthread.PowerShell.Isolation
{
    /// <summary>
    /// Entry point called by the module's IModuleAssemblyInitializer: installs the resolver for the running
    /// edition, once per module directory. Does nothing in a flat development layout (no Dependencies/ folder),
    /// where ordinary probing finds everything next to the cmdlet assembly.
    /// </summary>
    public static class DependencyIsolation
    {
        private static readonly object Gate = new object();
        private static IDisposable? s_installed;

        /// <summary>True on .NET Framework (Windows PowerShell 5.1).</summary>
        public static bool IsDesktop => typeof(object).Assembly.GetName().Name == "mscorlib";

        public static void Install(string moduleDirectory)
        {
            var policy = new DependencyRequestPolicy(moduleDirectory);
            if (!Directory.Exists(policy.DependenciesDirectory))
            {
                return;
            }

            lock (Gate)
            {
                if (s_installed != null)
                {
                    return;
                }

                s_installed = IsDesktop ? InstallDesktop(policy) : InstallCore(policy);
            }
        }

        public static void Uninstall()
        {
            lock (Gate)
            {
                s_installed?.Dispose();
                s_installed = null;
            }
        }

        // Separate, non-inlined methods: on .NET Framework the JIT must never compile a body that names
        // AssemblyLoadContext, since System.Runtime.Loader does not exist there.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static IDisposable InstallDesktop(DependencyRequestPolicy policy) => DesktopDependencyResolver.Install(policy);

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static IDisposable InstallCore(DependencyRequestPolicy policy) => CoreDependencyResolver.Install(policy);
    }
}
