using System;
using System.Collections.Concurrent;
using System.Reflection;

namespace Cloudthread.PowerShell.Isolation
{
    /// <summary>
    /// Windows PowerShell 5.1: an AppDomain.AssemblyResolve handler that answers only requests coming from
    /// our own assemblies (or for Cloudthread.Client), from Dependencies/. Other modules' requests are never
    /// answered, so we cannot hand them our versions.
    /// </summary>
    internal sealed class DesktopDependencyResolver : IDisposable
    {
        private readonly DependencyRequestPolicy _policy;
        // LoadFile loads a path once per call site; the cache keeps one Assembly per file so types stay identical.
        private readonly ConcurrentDictionary<string, Assembly> _loaded = new ConcurrentDictionary<string, Assembly>(StringComparer.OrdinalIgnoreCase);

        private DesktopDependencyResolver(DependencyRequestPolicy policy) => _policy = policy;

        public static IDisposable Install(DependencyRequestPolicy policy)
        {
            var resolver = new DesktopDependencyResolver(policy);
            AppDomain.CurrentDomain.AssemblyResolve += resolver.OnAssemblyResolve;
            return resolver;
        }

        public void Dispose() => AppDomain.CurrentDomain.AssemblyResolve -= OnAssemblyResolve;

        private Assembly? OnAssemblyResolve(object? sender, ResolveEventArgs args)
        {
            AssemblyName requested;
            try
            {
                requested = new AssemblyName(args.Name);
            }
            catch (ArgumentException)
            {
                return null;
            }

            string? requester = args.RequestingAssembly is null || args.RequestingAssembly.IsDynamic ? null : args.RequestingAssembly.Location;
            string? file = _policy.ResolveForDesktop(requested, requester);
            return file is null ? null : _loaded.GetOrAdd(file, Assembly.LoadFile);
        }
    }
}
