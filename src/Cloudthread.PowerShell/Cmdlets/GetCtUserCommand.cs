using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Cloudthread.Client;
using Cloudthread.Client.Models;
using Cloudthread.PowerShell.Infrastructure;

namespace Cloudthread.PowerShell.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Gets the organization's users, optionally filtered by email, name or id (wildcards allowed).</para>
    /// <para type="description">A value without wildcards that matches no user is an error (UserNotFound); a pattern that
    /// matches nothing writes nothing.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CtUser", HelpUri = HelpLinks.Base + "Get-CtUser.md")]
    [OutputType(typeof(User))]
    public sealed class GetCtUserCommand : WildcardListCmdlet<User>
    {
        /// <summary>Email addresses or patterns (case-insensitive).</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Email { get; set; }

        /// <summary>Display names or patterns (case-insensitive).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Name { get; set; }

        /// <summary>User ids or patterns.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("UserId")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Id { get; set; }

        protected override string? NotFoundErrorId => ErrorIds.UserNotFound;

        private protected override Task<IReadOnlyList<User>> ReadAllAsync(CloudthreadClient client, CancellationToken cancellationToken) =>
            client.GetUsersAsync(cancellationToken);

        private protected override IReadOnlyList<ListFilter> Filters() => new[]
        {
            new ListFilter(Email, nameof(Email), user => user.Email, "No user with email "),
            new ListFilter(Name, nameof(Name), user => user.Name, "No user with name "),
            new ListFilter(Id, nameof(Id), user => user.Id, "No user with id "),
        };
    }
}
