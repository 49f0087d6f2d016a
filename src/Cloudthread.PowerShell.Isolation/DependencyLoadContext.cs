using System;
using System.Reflection;
using System.Runtime.Loader;
using System.Runtime.Serialization;

namespace Cloudthread.PowerShell.Isolation
{
    /// <summary>
    /// The private load context of Cloudthread.Client and of those of its dependencies the runtime does not
    /// provide, or provides in an older version than we ship (<see cref="DependencyRequestPolicy.PrivateFile"/>).
    /// Everything else (the framework, the polyfills it supersedes, what PowerShell carries at our version or
    /// later) comes from the default context, so the client's Span, Memory and ValueTask are the runtime's types.
    /// Named <see cref="ContextName"/>, which shows in AssemblyLoadContext.All and in dumps.
    /// </summary>
    internal sealed class DependencyLoadContext : AssemblyLoadContext
    {
        /// <summary>The name the context carries on runtimes that name contexts (.NET Core 3.0 and later).</summary>
        public const string ContextName = "Cloudthread";

        private DependencyRequestPolicy _policy;

        // Only for runtimes without named contexts; see Create.
        private DependencyLoadContext(DependencyRequestPolicy policy) => _policy = policy;

        /// <summary>
        /// A context named <see cref="ContextName"/>. This assembly compiles against the System.Runtime.Loader
        /// 4.3.0 contract (netstandard2.0, so one build serves Windows PowerShell too), which has only the
        /// parameterless constructor; the named one, public since .NET Core 3.0, is run through reflection on an
        /// uninitialized instance, which is what a compiled base(name, false) call would do.
        /// </summary>
        public static DependencyLoadContext Create(DependencyRequestPolicy policy)
        {
            if (policy is null)
            {
                throw new ArgumentNullException(nameof(policy));
            }

            ConstructorInfo? named = typeof(AssemblyLoadContext).GetConstructor(
                BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, null, new[] { typeof(string), typeof(bool) }, null);
            if (named is null)
            {
                return new DependencyLoadContext(policy);
            }

            var context = (DependencyLoadContext)FormatterServices.GetUninitializedObject(typeof(DependencyLoadContext));
            context._policy = policy;
            named.Invoke(context, new object[] { ContextName, false });
            return context;
        }

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            string? file = _policy.PrivateFile(assemblyName);
            return file is null ? null : LoadFromAssemblyPath(file);
        }
    }
}
