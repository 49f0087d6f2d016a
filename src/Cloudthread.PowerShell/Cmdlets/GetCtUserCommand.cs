using System.Collections.Generic;
using System.Linq;
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

        private protected override void WriteMatches(IReadOnlyList<User> items)
        {
            var emails = WildcardFilterOf(Email, nameof(Email));
            var names = WildcardFilterOf(Name, nameof(Name));
            var ids = WildcardFilterOf(Id, nameof(Id));
            WriteObject(
                items.Where(u => WildcardFilter.Matches(u.Email, emails) && WildcardFilter.Matches(u.Name, names) && WildcardFilter.Matches(u.Id, ids)).ToList(),
                enumerateCollection: true);
            WriteLiteralMisses(Email, items.Select(u => u.Email), ErrorIds.UserNotFound, "No user with email ");
            WriteLiteralMisses(Name, items.Select(u => u.Name), ErrorIds.UserNotFound, "No user with name ");
            WriteLiteralMisses(Id, items.Select(u => u.Id), ErrorIds.UserNotFound, "No user with id ");
        }
    }
}
