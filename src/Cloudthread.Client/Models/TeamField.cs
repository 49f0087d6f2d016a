using System;
using System.Collections.Generic;

namespace Cloudthread.Client.Models
{
    /// <summary>How a team field holds its value (the model type in brackets).</summary>
    public enum TeamFieldKind
    {
        /// <summary>One string (string).</summary>
        Text,
        /// <summary>A list of strings (List&lt;string&gt;).</summary>
        TextList,
        /// <summary>A list of integers (List&lt;int&gt;).</summary>
        IntegerList,
        /// <summary>A list of string-to-string maps, one per tag or label (List&lt;Dictionary&lt;string, string&gt;&gt;).</summary>
        MapList,
    }

    /// <summary>
    /// One field of a team other than its id: the name used by <see cref="Team"/>, <see cref="TeamUpdate"/> and
    /// teams files (also a parameter alias of New-CtTeam/Set-CtTeam), the cmdlet parameter, the wire name and the
    /// kind of value. Values are read and written in the model's own types (see <see cref="TeamFieldKind"/>).
    /// </summary>
    public sealed class TeamField
    {
        private readonly Func<Team, object?> _getTeam;
        private readonly Action<Team, object?> _setTeam;
        private readonly Func<TeamUpdate, object?> _getUpdate;
        private readonly Action<TeamUpdate, object?> _setUpdate;

        internal TeamField(
            string name,
            string parameterName,
            string wireName,
            TeamFieldKind kind,
            bool isSecret,
            Func<Team, object?> getTeam,
            Action<Team, object?> setTeam,
            Func<TeamUpdate, object?> getUpdate,
            Action<TeamUpdate, object?> setUpdate)
        {
            Name = name;
            ParameterName = parameterName;
            WireName = wireName;
            Kind = kind;
            IsSecret = isSecret;
            _getTeam = getTeam;
            _setTeam = setTeam;
            _getUpdate = getUpdate;
            _setUpdate = setUpdate;
        }

        /// <summary>The property of Team and TeamUpdate, and the key in a teams file (AwsAccountIds).</summary>
        public string Name { get; }

        /// <summary>The parameter of New-CtTeam and Set-CtTeam (AwsAccountId); <see cref="Name"/> is its alias.</summary>
        public string ParameterName { get; }

        /// <summary>The JSON name in the API (aws_account_ids).</summary>
        public string WireName { get; }

        public TeamFieldKind Kind { get; }

        /// <summary>A secret (data stream tokens): never shown in a plan or written to a teams file.</summary>
        public bool IsSecret { get; }

        /// <summary>The team's value, in the model's type (null when the team has none).</summary>
        public object? GetValue(Team team) => _getTeam(team ?? throw new ArgumentNullException(nameof(team)));

        /// <summary>Sets the team's value; <paramref name="value"/> must be of the model's type, or null.</summary>
        public void SetValue(Team team, object? value) => _setTeam(team ?? throw new ArgumentNullException(nameof(team)), value);

        /// <summary>The update's value (null: leave as is).</summary>
        public object? GetValue(TeamUpdate update) => _getUpdate(update ?? throw new ArgumentNullException(nameof(update)));

        /// <summary>Sets the update's value; <paramref name="value"/> must be of the model's type, or null.</summary>
        public void SetValue(TeamUpdate update, object? value) => _setUpdate(update ?? throw new ArgumentNullException(nameof(update)), value);

        public override string ToString() => Name;
    }
}
