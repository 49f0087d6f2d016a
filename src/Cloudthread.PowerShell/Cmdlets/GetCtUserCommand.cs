using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
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
    public sealed class GetCtUserCommand : CloudthreadCmdlet
    {
        private IReadOnlyList<User>? _users;
        private bool _fetchFailed;

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

        protected override void ProcessRecord()
        {
            if (_fetchFailed)
            {
                return;
            }

            try
            {
                _users ??= CallClient(token => Client.GetUsersAsync(token));
            }
            catch (CloudthreadException ex)
            {
                // Non-terminating, so that -ErrorAction governs it; the list is not asked for again for later input.
                _fetchFailed = true;
                WriteClientError(ex, null);
                return;
            }

            var emails = WildcardFilterOf(Email, nameof(Email));
            var names = WildcardFilterOf(Name, nameof(Name));
            var ids = WildcardFilterOf(Id, nameof(Id));
            var matches = _users
                .Where(u => WildcardFilter.Matches(u.Email, emails) && WildcardFilter.Matches(u.Name, names) && WildcardFilter.Matches(u.Id, ids))
                .ToList();
            WriteObject(matches, enumerateCollection: true);
            ReportLiteralMisses(Email, u => u.Email, "email");
            ReportLiteralMisses(Name, u => u.Name, "name");
            ReportLiteralMisses(Id, u => u.Id, "id");
        }

        private void ReportLiteralMisses(string[]? values, Func<User, string> field, string what)
        {
            foreach (var missing in WildcardFilter.LiteralMisses(values, _users!.Select(field)))
            {
                WriteError(ErrorRecordFactory.Invocation(
                    ErrorIds.UserNotFound, ErrorCategory.ObjectNotFound, "No user with " + what + " '" + missing + "'.", missing));
            }
        }
    }
}
