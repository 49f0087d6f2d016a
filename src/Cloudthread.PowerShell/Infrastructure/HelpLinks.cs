namespace Cloudthread.PowerShell.Infrastructure
{
    /// <summary>Online help (Get-Help -Online) points at the PlatyPS markdown page of each cmdlet.</summary>
    internal static class HelpLinks
    {
        public const string Base = "https://github.com/cloudthreadps/CloudthreadPS/blob/main/docs/en-US/";
    }
}
