using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
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
    public sealed class GetCtTeamCommand : WildcardListCmdlet<Team>
    {
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

        private protected override Task<IReadOnlyList<Team>> ReadAllAsync(CloudthreadClient client, CancellationToken cancellationToken) =>
            client.GetTeamsAsync(cancellationToken);

        private protected override void OnRead(IReadOnlyList<Team> items) => Connection?.RememberTeamIds(items.Select(t => t.Id));

        private protected override IReadOnlyList<ListFilter> Filters() => new[]
        {
            new ListFilter(Id, nameof(Id), team => team.Id, "No team with id "),
            new ListFilter(Name, nameof(Name), team => team.Name, "No team named "),
        };
    }
}
