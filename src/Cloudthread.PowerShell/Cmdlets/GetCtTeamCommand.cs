using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Cloudthread.Client;
using Cloudthread.Client.Models;
using Cloudthread.PowerShell.Completers;
using Cloudthread.PowerShell.Infrastructure;

namespace Cloudthread.PowerShell.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Gets teams: all of them, or those whose id matches -Id (wildcards allowed).</para>
    /// <para type="description">An id without wildcards that names no team is an error (TeamNotFound).</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CtTeam", HelpUri = HelpLinks.Base + "Get-CtTeam.md")]
    [OutputType(typeof(Team))]
    public sealed class GetCtTeamCommand : CloudthreadCmdlet
    {
        private IReadOnlyList<Team>? _teams;
        private bool _fetchFailed;

        /// <summary>Team ids or patterns.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("TeamId")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(TeamIdCompleter))]
        public string[]? Id { get; set; }

        /// <summary>Team names or patterns.</summary>
        [Parameter]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Name { get; set; }

        protected override string? NotFoundErrorId => ErrorIds.TeamNotFound;

        protected override void ProcessRecord()
        {
            if (_fetchFailed)
            {
                return;
            }

            try
            {
                if (_teams is null)
                {
                    _teams = CallClient(token => Client.GetTeamsAsync(token));
                    Connection?.RememberTeamIds(_teams.Select(t => t.Id));
                }
            }
            catch (CloudthreadException ex)
            {
                // Non-terminating, so that -ErrorAction governs it; the list is not asked for again for later input.
                _fetchFailed = true;
                WriteClientError(ex, null);
                return;
            }

            var ids = WildcardFilterOf(Id, nameof(Id));
            var names = WildcardFilterOf(Name, nameof(Name));
            WriteObject(_teams.Where(t => WildcardFilter.Matches(t.Id, ids) && WildcardFilter.Matches(t.Name, names)), enumerateCollection: true);
            foreach (var missing in WildcardFilter.LiteralMisses(Id, _teams.Select(t => t.Id)))
            {
                WriteError(ErrorRecordFactory.Invocation(ErrorIds.TeamNotFound, ErrorCategory.ObjectNotFound, "No team with id '" + missing + "'.", missing));
            }

            foreach (var missing in WildcardFilter.LiteralMisses(Name, _teams.Select(t => t.Name)))
            {
                WriteError(ErrorRecordFactory.Invocation(ErrorIds.TeamNotFound, ErrorCategory.ObjectNotFound, "No team named '" + missing + "'.", missing));
            }
        }
    }
}
