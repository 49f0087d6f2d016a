namespace Cloudthread.Client.Models
{
    public enum UserRole { Admin, Member }

    /// <summary>A registered user (GET /users, GET /teams/{id}/members).</summary>
    public sealed class User
    {
        public string Id { get; set; } = string.Empty;
        public string Email { get; set; } = string.Empty;
        public string Name { get; set; } = string.Empty;
        /// <summary>Not in the published API; the emulator (and perhaps the service) sends it.</summary>
        public string? Role { get; set; }
        public override string ToString() => Email;
    }

    /// <summary>(ext) POST /users: not in the published API; users are normally invited in the web app.</summary>
    public sealed class NewUserRequest
    {
        public string Email { get; set; } = string.Empty;
        public string Name { get; set; } = string.Empty;
        public UserRole Role { get; set; } = UserRole.Member;
        public string? TeamId { get; set; }
    }
}
