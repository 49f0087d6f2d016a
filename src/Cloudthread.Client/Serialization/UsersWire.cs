using System.Collections.Generic;

namespace Cloudthread.Client.Serialization
{
    /// <summary>(ext) POST /users body; the role is the enum's name (Admin, Member).</summary>
    internal sealed class NewUserWire
    {
        public string Email { get; set; } = string.Empty;
        public string Name { get; set; } = string.Empty;
        public string Role { get; set; } = string.Empty;
        public string? TeamId { get; set; }
    }

    /// <summary>POST /teams/{id}/members/assign|delete body.</summary>
    internal sealed class TeamMembersChangeWire
    {
        public List<string> UsersIds { get; set; } = new List<string>();
    }
}
