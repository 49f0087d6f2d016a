using System.Management.Automation;

namespace Cloudthread.PowerShell.Infrastructure
{
    /// <summary>
    /// Verbose lines that never prompt. For a compiled cmdlet given -Debug without -Verbose, the engine sets the
    /// verbose preference to Inquire (a Windows PowerShell 5.1 legacy kept in 7): every WriteVerbose then asks to
    /// continue, and fails under -NonInteractive. The debug preference is Continue in that case, and -Debug asks
    /// for the most output anyway, so the line goes to the debug stream instead.
    /// </summary>
    internal static class VerboseStream
    {
        public static void Write(PSCmdlet cmdlet, string text)
        {
            if (WouldInquire(cmdlet))
            {
                cmdlet.WriteDebug(text);
            }
            else
            {
                cmdlet.WriteVerbose(text);
            }
        }

        /// <summary>-Debug bound (and on) with no -Verbose: the engine's verbose preference is Inquire.</summary>
        private static bool WouldInquire(PSCmdlet cmdlet)
        {
            var bound = cmdlet.MyInvocation.BoundParameters;
            return !bound.ContainsKey("Verbose")
                && bound.TryGetValue("Debug", out var debug)
                && (debug is SwitchParameter flag ? flag.IsPresent : LanguagePrimitives.IsTrue(debug));
        }
    }
}
