using System.Collections.Generic;
using Cloudthread.Client.Models;

namespace Cloudthread.Client.TeamsAsCode
{
    /// <summary>What one change of a teams plan does.</summary>
    public enum TeamChangeAction
    {
        /// <summary>Creates a team with its fields (its members are AddMember changes).</summary>
        Create,
        /// <summary>Changes one field of a team.</summary>
        Update,
        /// <summary>Adds a user to a team.</summary>
        AddMember,
        /// <summary>Removes a user from a team (not in the file).</summary>
        RemoveMember,
        /// <summary>Deletes a team (not in the file).</summary>
        Delete,
    }

    /// <summary>
    /// One change of a teams plan (Compare-CtTeam, Sync-CtTeam): "+ team sre", "~ team platform: SlackChannel '#a' -> '#b'",
    /// "- member carol@example.com from data". Secret fields show only how many values they hold.
    /// </summary>
    public sealed class TeamChange
    {
        internal TeamChange(TeamChangeAction action, string teamId, string description)
        {
            Action = action;
            TeamId = teamId;
            Description = description;
        }

        public TeamChangeAction Action { get; }

        public string TeamId { get; }

        /// <summary>The field an Update changes (a <see cref="TeamFields"/> name), else null.</summary>
        public string? Field { get; internal set; }

        /// <summary>An Update's value before: string, string[], int[] or maps; a count for a secret.</summary>
        public object? OldValue { get; internal set; }

        /// <summary>An Update's value after, as <see cref="OldValue"/>.</summary>
        public object? NewValue { get; internal set; }

        /// <summary>The member's email, for AddMember and RemoveMember.</summary>
        public string? Member { get; internal set; }

        /// <summary>The plan line.</summary>
        public string Description { get; }

        /// <summary>Delete and RemoveMember: applied by Sync-CtTeam only with -Prune.</summary>
        public bool IsRemoval => Action == TeamChangeAction.Delete || Action == TeamChangeAction.RemoveMember;

        /// <summary>Create: the team to send.</summary>
        internal Team? NewTeam { get; set; }

        /// <summary>Update: the new value in the model's type (the real one, also for a secret).</summary>
        internal object? NewModelValue { get; set; }

        /// <summary>AddMember, RemoveMember: the user's id.</summary>
        internal string? UserId { get; set; }

        public override string ToString() => Description;
    }

    /// <summary>Changes of one team that one request applies (one PATCH for all its field updates, one call per member list).</summary>
    public sealed class TeamChangeStep
    {
        internal TeamChangeStep(TeamChangeAction action, string teamId, IReadOnlyList<TeamChange> changes)
        {
            Action = action;
            TeamId = teamId;
            Changes = changes;
        }

        public TeamChangeAction Action { get; }

        public string TeamId { get; }

        public IReadOnlyList<TeamChange> Changes { get; }
    }
}
