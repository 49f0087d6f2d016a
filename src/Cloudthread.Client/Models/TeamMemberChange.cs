using System.Collections.Generic;

namespace Cloudthread.Client.Models
{
    /// <summary>
    /// The outcome of adding or removing several members: the members after the last change that was applied (null when
    /// none was), and the user ids the server refused, each refusal with its reason.
    /// </summary>
    public sealed class TeamMemberChange
    {
        public TeamMemberChange(IReadOnlyList<User>? members, IReadOnlyList<Refusal<string>> refusals)
        {
            Members = members;
            Refusals = refusals;
        }

        public IReadOnlyList<User>? Members { get; }
        public IReadOnlyList<Refusal<string>> Refusals { get; }
    }
}
