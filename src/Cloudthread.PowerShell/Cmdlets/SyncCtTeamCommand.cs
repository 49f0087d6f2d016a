using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Cloudthread.Client;
using Cloudthread.Client.TeamsAsCode;
using Cloudthread.PowerShell.Infrastructure;

namespace Cloudthread.PowerShell.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Applies a teams file to the organisation: creates and updates teams and adds members; with -Prune also removes what the file does not have.</para>
    /// <para type="description">Each change goes through ShouldProcess (-WhatIf prints the plan). A team's field updates are one
    /// read-merge-PATCH. A failed change is a non-terminating error naming the team and the change; the others go on.</para>
    /// </summary>
    [Cmdlet(VerbsData.Sync, "CtTeam", HelpUri = HelpLinks.Base + "Sync-CtTeam.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(TeamChange))]
    public sealed class SyncCtTeamCommand : TeamsFileCmdlet
    {
        private const string Activity = "Applying teams file";
        private bool _yesToAllRemovals;
        private bool _noToAllRemovals;

        /// <summary>Also deletes teams and removes members that the file does not have (each asked for, as ConfirmImpact High).</summary>
        [Parameter]
        public SwitchParameter Prune { get; set; }

        /// <summary>Writes each change that was applied.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override string? NotFoundErrorId => ErrorIds.TeamNotFound;

        protected override void EndProcessing()
        {
            if (!(Plan() is { } plan))
            {
                return;
            }

            var steps = TeamPlan.Steps(plan.Changes.Where(c => Prune || !c.IsRemoval));
            var skipped = plan.Changes.Count(c => !Prune && c.IsRemoval);
            if (skipped > 0)
            {
                WriteVerbose(skipped + " change(s) would remove teams or members that the file does not have: run with -Prune to apply them.");
            }

            var failedCreates = new Dictionary<string, Exception>(StringComparer.Ordinal);
            for (var i = 0; i < steps.Count; i++)
            {
                var step = steps[i];
                WriteItemProgress(Activity, "Team '" + step.TeamId + "'", i, steps.Count);
                if (failedCreates.TryGetValue(step.TeamId, out var createFailure))
                {
                    WriteChangeErrors(step.Changes, createFailure, "the team could not be created: ");
                    continue;
                }

                var approved = step.Changes.Where(Approve).ToList();
                if (approved.Count == 0)
                {
                    continue;
                }

                try
                {
                    CallClient(token => Client.ApplyTeamChangesAsync(approved, token));
                    if (step.Action == TeamChangeAction.Create || step.Action == TeamChangeAction.Delete)
                    {
                        Connection?.ForgetTeamIds();
                    }

                    if (PassThru)
                    {
                        WriteObject(approved, enumerateCollection: true);
                    }
                }
                catch (CloudthreadException ex)
                {
                    if (step.Action == TeamChangeAction.Create)
                    {
                        failedCreates[step.TeamId] = ex;
                    }

                    WriteChangeErrors(approved, ex, string.Empty);
                }
            }

            CompleteItemProgress(Activity, steps.Count);
        }

        /// <summary>
        /// ShouldProcess with the plan line (so -WhatIf prints the plan). Removals weigh as ConfirmImpact High, like
        /// Remove-CtTeam, although Sync-CtTeam is Medium: they are asked for unless -Confirm:$false or $ConfirmPreference None.
        /// </summary>
        private bool Approve(TeamChange change)
        {
            if (!ShouldProcessChange(change.Description, "Apply '" + change.Description + "'?", "Sync-CtTeam"))
            {
                return false;
            }

            if (!change.IsRemoval || _yesToAllRemovals || MyInvocation.BoundParameters.ContainsKey("Confirm"))
            {
                return true; // an explicit -Confirm was asked by ShouldProcess already; -Confirm:$false asks nothing
            }

            var preference = GetVariableValue("ConfirmPreference");
            if (LanguagePrimitives.TryConvertTo(preference, out ConfirmImpact threshold) && threshold == ConfirmImpact.None)
            {
                return true;
            }

            return ShouldContinueChange("Apply '" + change.Description + "'? It removes what the teams file does not have.", "Sync-CtTeam -Prune", ref _yesToAllRemovals, ref _noToAllRemovals);
        }

        /// <summary>One non-terminating error per change that was not applied, naming the team and the change.</summary>
        private void WriteChangeErrors(IEnumerable<TeamChange> changes, Exception failure, string reason)
        {
            foreach (var change in changes)
            {
                var record = ErrorRecordFactory.FromException(failure, change, NotFoundErrorId, NotSupportedErrorId);
                var detail = record.ErrorDetails?.Message ?? failure.Message;
                record.ErrorDetails = new ErrorDetails("Team '" + change.TeamId + "': '" + change.Description + "' was not applied: " + reason + detail)
                {
                    RecommendedAction = record.ErrorDetails?.RecommendedAction ?? string.Empty,
                };
                WriteError(record);
            }
        }
    }
}
