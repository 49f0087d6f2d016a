using System;
using System.Runtime.InteropServices;
using System.Security;

namespace Cloudthread.PowerShell.Infrastructure
{
    internal static class SecureStrings
    {
        /// <summary>The plain text, for the client's options only (never output or logged).</summary>
        public static string? ToPlainText(SecureString? value)
        {
            if (value is null || value.Length == 0)
            {
                return null;
            }

            var pointer = IntPtr.Zero;
            try
            {
                pointer = Marshal.SecureStringToGlobalAllocUnicode(value);
                return Marshal.PtrToStringUni(pointer);
            }
            finally
            {
                if (pointer != IntPtr.Zero)
                {
                    Marshal.ZeroFreeGlobalAllocUnicode(pointer);
                }
            }
        }

        public static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
    }
}
