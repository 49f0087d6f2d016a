using System;

namespace Cloudthread.Client.Operations
{
    /// <summary>Builds API paths from caller-given ids, each escaped as one path segment ("a/b" → "a%2Fb").</summary>
    internal static class PathSegments
    {
        public static string Escape(string segment) => Uri.EscapeDataString(segment);

        public static string Team(string teamId) => "/teams/" + Escape(teamId);

        public static string TeamMembers(string teamId) => Team(teamId) + "/members";
    }
}
