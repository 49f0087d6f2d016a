using System;
using System.Management.Automation;
using Cloudthread.PowerShell.Completers;

namespace Cloudthread.PowerShell.Infrastructure
{
    /// <summary>
    /// Get-CtTeamMember and Remove-CtTeam: one call per team, the teams given or piped in (a team binds by its Id);
    /// a team the server does not know is TeamNotFound, and the next team goes on.
    /// </summary>
    public abstract class TeamByTeamCmdlet : ItemByItemCmdlet
    {
        /// <summary>The teams (teams piped in bind by their Id).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(TeamIdCompleter))]
        public string[] TeamId { get; set; } = Array.Empty<string>();

        /// <summary>The progress activity ("Deleting teams").</summary>
        protected abstract string Activity { get; }

        protected override string? NotFoundErrorId => ErrorIds.TeamNotFound;

        protected override void ProcessRecord() => ForEachItem(Activity, "Team", TeamId, CallForTeam);

        /// <summary>The work for one team.</summary>
        private protected abstract void CallForTeam(string teamId);
    }
}
