using System.Reflection;
using System.Runtime.Loader;

namespace Cloudthread.PowerShell.Isolation
{
    /// <summary>
    /// The private load context of Cloudthread.Client and everything it depends on. Every assembly we ship in
    /// Dependencies/ is loaded here, so the whole netstandard2.0 graph (System.Text.Json, Microsoft.Extensions.*,
    /// CsvHelper and the polyfills they were compiled against) sees one consistent set of types whatever other
    /// modules loaded; anything we do not ship (the framework itself) comes from the default context.
    /// </summary>
    internal sealed class DependencyLoadContext : AssemblyLoadContext
    {
        private readonly DependencyRequestPolicy _policy;

        // The 4.3.0 contract has only the parameterless constructor (no name); the type name identifies it.
        public DependencyLoadContext(DependencyRequestPolicy policy)
        {
            _policy = policy;
        }

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            string? file = _policy.DependencyFile(assemblyName);
            return file is null ? null : LoadFromAssemblyPath(file);
        }
    }
}
