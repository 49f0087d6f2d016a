using System;

namespace Cloudthread.PowerShell.Infrastructure
{
    /// <summary>A URI as messages, targets and Get-CtConnection may show it: never the user information (user:password@) it may carry.</summary>
    internal static class UriDisplay
    {
        public static string WithoutUserInfo(Uri uri) =>
            uri.IsAbsoluteUri
                ? uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.PathAndQuery, UriFormat.UriEscaped)
                : uri.OriginalString;
    }
}
