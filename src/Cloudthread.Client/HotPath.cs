using System.Runtime.CompilerServices;

namespace Cloudthread.Client
{
    /// <summary>
    /// How the code that runs once per ingested point or piped object asks to be compiled: here and in the module's
    /// cmdlets (public for them; one constant, so that both ask the same way).
    /// </summary>
    public static class HotPath
    {
        /// <summary>
        /// MethodImplOptions.AggressiveOptimization (512; netstandard2.0 lacks the name): the JIT compiles the method
        /// optimized at its first call instead of starting it in tier 0. In a fresh pwsh the tier-up of the per-object
        /// code is put off for as long as PowerShell keeps compiling methods of its own, so a whole first send can run
        /// unoptimized. .NET Framework ignores the flag.
        /// </summary>
        public const MethodImplOptions CompileOptimized = (MethodImplOptions)512;
    }
}
