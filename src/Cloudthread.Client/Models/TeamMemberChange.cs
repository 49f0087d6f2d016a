using System.Collections.Generic;

namespace Cloudthread.Client.Models
{
    /// <summary>
    /// The outcome of adding or removing several members: the members after the last change that was applied (null when
    /// none was), and the users the server refused, each refusal with its reason.
    /// </summary>
    public sealed class TeamMemberChange
    {
        public TeamMemberChange(IReadOnlyList<User>? members, IReadOnlyList<TeamMemberRefusal> refusals)
        {
            Members = members;
            Refusals = refusals;
        }

        public IReadOnlyList<User>? Members { get; }
        public IReadOnlyList<TeamMemberRefusal> Refusals { get; }
    }

    /// <summary>Users the server refused together (one, when the server blamed that user), and why.</summary>
    public sealed class TeamMemberRefusal
    {
        public TeamMemberRefusal(IReadOnlyList<string> userIds, CloudthreadException error)
        {
            UserIds = userIds;
            Error = error;
        }

        public IReadOnlyList<string> UserIds { get; }
        public CloudthreadException Error { get; }
    }
}
