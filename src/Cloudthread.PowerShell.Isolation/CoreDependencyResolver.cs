using System;
using System.Reflection;
using System.Runtime.Loader;

namespace Cloudthread.PowerShell.Isolation
{
    /// <summary>
    /// PowerShell 7: Cloudthread.Client is not next to the cmdlet assembly, so the default load context fails
    /// to find it and raises Resolving; this handler answers with the copy loaded in the private
    /// <see cref="DependencyLoadContext"/>, which then loads the client's dependencies the runtime lacks (or has older) from
    /// Dependencies/ and leaves the rest to the runtime.
    /// </summary>
    internal sealed class CoreDependencyResolver : IDisposable
    {
        private readonly DependencyLoadContext _context;

        private CoreDependencyResolver(DependencyRequestPolicy policy) => _context = DependencyLoadContext.Create(policy);

        public static IDisposable Install(DependencyRequestPolicy policy)
        {
            var resolver = new CoreDependencyResolver(policy);
            AssemblyLoadContext.Default.Resolving += resolver.OnResolving;
            return resolver;
        }

        internal DependencyLoadContext Context => _context;

        public void Dispose() => AssemblyLoadContext.Default.Resolving -= OnResolving;

        private Assembly? OnResolving(AssemblyLoadContext defaultContext, AssemblyName requested) =>
            DependencyRequestPolicy.IsClient(requested) ? _context.LoadFromAssemblyName(requested) : null;
    }
}
