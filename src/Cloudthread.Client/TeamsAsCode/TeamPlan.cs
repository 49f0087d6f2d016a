using System;
using System.Collections.Generic;
using System.Linq;
using Cloudthread.Client.Models;

namespace Cloudthread.Client.TeamsAsCode
{
    /// <summary>
    /// The plan from the organisation as it is to the teams file: pure code, no HTTP. Teams in id order (ordinal, as
    /// the API compares ids); per team: Create or field Updates (in <see cref="TeamFields"/> order), AddMember,
    /// RemoveMember (emails case-insensitive), Delete. Removals are in the plan; Sync-CtTeam applies them with -Prune only.
    /// </summary>
    public static class TeamPlan
    {
        /// <summary>The changes that make <paramref name="current"/> what <paramref name="desired"/> says; empty when they agree.</summary>
        /// <exception cref="TeamsFileException">A member email names no user of the organisation.</exception>
        public static IReadOnlyList<TeamChange> Create(TeamsDocument desired, TeamsSnapshot current)
        {
            if (desired is null)
            {
                throw new ArgumentNullException(nameof(desired));
            }

            if (current is null)
            {
                throw new ArgumentNullException(nameof(current));
            }

            CheckMembers(desired, current);
            var wanted = desired.Teams.ToDictionary(t => t.Id, StringComparer.Ordinal);
            var existing = current.Teams.ToDictionary(t => t.Id, StringComparer.Ordinal);
            var changes = new List<TeamChange>();
            foreach (var id in wanted.Keys.Union(existing.Keys).OrderBy(id => id, StringComparer.Ordinal))
            {
                wanted.TryGetValue(id, out var target);
                existing.TryGetValue(id, out var actual);
                if (target is null)
                {
                    changes.Add(new TeamChange(TeamChangeAction.Delete, id, "- team " + id));
                    continue;
                }

                if (actual is null)
                {
                    changes.Add(new TeamChange(TeamChangeAction.Create, id, "+ team " + id) { NewTeam = NewTeam(target.Team) });
                }
                else
                {
                    changes.AddRange(FieldUpdates(target.Team, actual.Team));
                }

                changes.AddRange(MemberChanges(id, target.Members, actual?.Members ?? Array.Empty<string>(), current));
            }

            return changes.AsReadOnly();
        }

        /// <summary>The changes grouped into requests: one per Create and Delete, one per team for its Updates, AddMembers and RemoveMembers.</summary>
        public static IReadOnlyList<TeamChangeStep> Steps(IEnumerable<TeamChange> changes)
        {
            var steps = new List<TeamChangeStep>();
            List<TeamChange>? group = null;
            foreach (var change in changes ?? throw new ArgumentNullException(nameof(changes)))
            {
                var joins = group is not null
                    && group[0].TeamId == change.TeamId
                    && group[0].Action == change.Action
                    && change.Action != TeamChangeAction.Create
                    && change.Action != TeamChangeAction.Delete;
                if (!joins)
                {
                    group = new List<TeamChange>();
                    steps.Add(new TeamChangeStep(change.Action, change.TeamId, group));
                }

                group!.Add(change);
            }

            return steps.AsReadOnly();
        }

        /// <summary>One TeamUpdate carrying every Update change given (a cleared Slack channel is sent as empty).</summary>
        public static TeamUpdate ToUpdate(IEnumerable<TeamChange> updates)
        {
            var update = new TeamUpdate();
            foreach (var change in updates ?? throw new ArgumentNullException(nameof(updates)))
            {
                var field = change.Action == TeamChangeAction.Update ? TeamFields.Find(change.Field) : null;
                if (field is null)
                {
                    throw new ArgumentException("'" + change.Description + "' is not a field update.", nameof(updates));
                }

                var value = TeamValues.ToModel(field, TeamValues.Normalize(field, change.NewModelValue));
                field.SetValue(update, field.Kind == TeamFieldKind.Text ? value ?? string.Empty : value);
            }

            return update;
        }

        private static IEnumerable<TeamChange> FieldUpdates(Team target, Team actual)
        {
            foreach (var field in TeamFields.All)
            {
                var wanted = field.GetValue(target);
                if (field.IsSecret && wanted is null)
                {
                    continue; // the file does not manage this secret
                }

                var before = TeamValues.Normalize(field, field.GetValue(actual));
                var after = TeamValues.Normalize(field, wanted);
                if (TeamValues.AreEqual(field, before, after))
                {
                    continue;
                }

                var shownBefore = field.IsSecret ? TeamValues.Redacted(before) : before;
                var shownAfter = field.IsSecret ? TeamValues.Redacted(after) : after;
                var text = field.IsSecret
                    ? (string)shownBefore! + " -> " + (string)shownAfter!
                    : TeamValues.Format(field, before) + " -> " + TeamValues.Format(field, after);
                yield return new TeamChange(TeamChangeAction.Update, target.Id, "~ team " + target.Id + ": " + field.Name + " " + text)
                {
                    Field = field.Name,
                    OldValue = shownBefore,
                    NewValue = shownAfter,
                    NewModelValue = TeamValues.ToModel(field, after),
                };
            }
        }

        private static IEnumerable<TeamChange> MemberChanges(string teamId, IReadOnlyList<string> wanted, IReadOnlyList<string> actual, TeamsSnapshot current)
        {
            var add = wanted.Except(actual, StringComparer.OrdinalIgnoreCase);
            var remove = actual.Except(wanted, StringComparer.OrdinalIgnoreCase);
            foreach (var email in Canonical(add, current))
            {
                yield return new TeamChange(TeamChangeAction.AddMember, teamId, "+ member " + email + " to " + teamId)
                {
                    Member = email,
                    UserId = current.FindUser(email)?.Id,
                };
            }

            foreach (var email in Canonical(remove, current))
            {
                yield return new TeamChange(TeamChangeAction.RemoveMember, teamId, "- member " + email + " from " + teamId)
                {
                    Member = email,
                    UserId = current.FindUser(email)?.Id,
                };
            }
        }

        // The organisation's spelling of each email, in a stable order.
        private static IEnumerable<string> Canonical(IEnumerable<string> emails, TeamsSnapshot current) =>
            emails.Select(e => current.FindUser(e)?.Email ?? e)
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .OrderBy(e => e, StringComparer.OrdinalIgnoreCase)
                .ThenBy(e => e, StringComparer.Ordinal);

        /// <summary>The team as Create sends it: canonical values; a secret the file does not manage stays unset.</summary>
        private static Team NewTeam(Team source)
        {
            var team = new Team { Id = source.Id };
            foreach (var field in TeamFields.All)
            {
                var value = field.GetValue(source);
                if (value is not null || field.Kind == TeamFieldKind.Text)
                {
                    field.SetValue(team, TeamValues.ToModel(field, TeamValues.Normalize(field, value)));
                }
            }

            return team;
        }

        private static void CheckMembers(TeamsDocument desired, TeamsSnapshot current)
        {
            var issues = new List<ValidationIssue>();
            for (var i = 0; i < desired.Teams.Count; i++)
            {
                foreach (var email in desired.Teams[i].Members.Where(e => current.FindUser(e) is null))
                {
                    issues.Add(new ValidationIssue(TeamsFileException.PathOf(desired.Teams[i].Id, i, "Members"), "no user of the organisation has the email '" + email + "'", i));
                }
            }

            if (issues.Count > 0)
            {
                throw new TeamsFileException(desired.Source, issues);
            }
        }
    }
}
