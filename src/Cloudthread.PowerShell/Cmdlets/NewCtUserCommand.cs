using System.Management.Automation;
using Cloudthread.Client.Models;
using Cloudthread.PowerShell.Completers;
using Cloudthread.PowerShell.Infrastructure;

namespace Cloudthread.PowerShell.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Creates a user (an extension of the published API: POST /users).</para>
    /// <para type="description">The published Cloudthread API has no user creation; users are invited in the web app
    /// (Settings, User Management, Invite User). Against a server without the extension this fails with UserCreationNotSupported.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.New, "CtUser", HelpUri = HelpLinks.Base + "New-CtUser.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(User))]
    public sealed class NewCtUserCommand : CloudthreadCmdlet
    {
        /// <summary>The user's email address.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Email { get; set; } = string.Empty;

        /// <summary>The user's display name.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = string.Empty;

        /// <summary>Admin or Member (default).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public UserRole Role { get; set; } = UserRole.Member;

        /// <summary>A team to add the user to.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(TeamIdCompleter))]
        public string? TeamId { get; set; }

        protected override string? NotFoundErrorId => ErrorIds.TeamNotFound;

        protected override string? NotSupportedErrorId => ErrorIds.UserCreationNotSupported;

        protected override void ProcessRecord()
        {
            var request = new NewUserRequest
            {
                Email = Email,
                Name = Name,
                Role = Role,
                TeamId = string.IsNullOrWhiteSpace(TeamId) ? null : TeamId,
            };
            if (!ShouldProcessChange(Email + " (" + Name + ", " + Role + ")", "Create user"))
            {
                return;
            }

            if (CallClientOrWriteError(request, token => Client.CreateUserAsync(request, token)) is { } created)
            {
                WriteObject(created);
            }
        }
    }
}
