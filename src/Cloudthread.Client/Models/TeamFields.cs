using System;
using System.Collections.Generic;
using System.Linq;

namespace Cloudthread.Client.Models
{
    /// <summary>
    /// The one list of a team's fields (everything but the id), in the order of the API's TeamResponse. New-CtTeam,
    /// Set-CtTeam, teams files and the teams plan all read it, so a field added here reaches all of them.
    /// </summary>
    public static class TeamFields
    {
        private static readonly List<TeamField> Fields = new List<TeamField>
        {
            Field<string>("Name", "Name", "name", TeamFieldKind.Text, t => t.Name, (t, v) => t.Name = v ?? string.Empty, u => u.Name, (u, v) => u.Name = v),
            Field<string>("SlackChannel", "SlackChannel", "slack_channel", TeamFieldKind.Text, t => t.SlackChannel, (t, v) => t.SlackChannel = v, u => u.SlackChannel, (u, v) => u.SlackChannel = v),
            Texts("AwsAccountIds", "AwsAccountId", "aws_account_ids", t => t.AwsAccountIds, (t, v) => t.AwsAccountIds = v, u => u.AwsAccountIds, (u, v) => u.AwsAccountIds = v),
            Texts("AwsBillPayerAccountIds", "AwsBillPayerAccountId", "aws_bill_payer_account_ids", t => t.AwsBillPayerAccountIds, (t, v) => t.AwsBillPayerAccountIds = v, u => u.AwsBillPayerAccountIds, (u, v) => u.AwsBillPayerAccountIds = v),
            Texts("AwsRegionNames", "AwsRegionName", "aws_region_names", t => t.AwsRegionNames, (t, v) => t.AwsRegionNames = v, u => u.AwsRegionNames, (u, v) => u.AwsRegionNames = v),
            Texts("AwsServices", "AwsService", "aws_services", t => t.AwsServices, (t, v) => t.AwsServices = v, u => u.AwsServices, (u, v) => u.AwsServices = v),
            Maps("AwsTags", "AwsTag", "aws_tags", t => t.AwsTags, (t, v) => t.AwsTags = v, u => u.AwsTags, (u, v) => u.AwsTags = v),
            Maps("AwsAccountTags", "AwsAccountTag", "aws_account_tags", t => t.AwsAccountTags, (t, v) => t.AwsAccountTags = v, u => u.AwsAccountTags, (u, v) => u.AwsAccountTags = v),
            Texts("GcpProjectNames", "GcpProjectName", "gcp_project_names", t => t.GcpProjectNames, (t, v) => t.GcpProjectNames = v, u => u.GcpProjectNames, (u, v) => u.GcpProjectNames = v),
            Texts("GcpBillingAccountIds", "GcpBillingAccountId", "gcp_billing_account_ids", t => t.GcpBillingAccountIds, (t, v) => t.GcpBillingAccountIds = v, u => u.GcpBillingAccountIds, (u, v) => u.GcpBillingAccountIds = v),
            Texts("GcpSkuIds", "GcpSkuId", "gcp_sku_ids", t => t.GcpSkuIds, (t, v) => t.GcpSkuIds = v, u => u.GcpSkuIds, (u, v) => u.GcpSkuIds = v),
            Texts("GcpLocations", "GcpLocation", "gcp_locations", t => t.GcpLocations, (t, v) => t.GcpLocations = v, u => u.GcpLocations, (u, v) => u.GcpLocations = v),
            Texts("GcpServices", "GcpService", "gcp_services", t => t.GcpServices, (t, v) => t.GcpServices = v, u => u.GcpServices, (u, v) => u.GcpServices = v),
            Maps("GcpLabels", "GcpLabel", "gcp_labels", t => t.GcpLabels, (t, v) => t.GcpLabels = v, u => u.GcpLabels, (u, v) => u.GcpLabels = v),
            Texts("CustomStreamTokens", "CustomStreamToken", "custom_stream_tokens", t => t.CustomStreamTokens, (t, v) => t.CustomStreamTokens = v, u => u.CustomStreamTokens, (u, v) => u.CustomStreamTokens = v, isSecret: true),
            Texts("CustomMetricNames", "CustomMetricName", "custom_metric_names", t => t.CustomMetricNames, (t, v) => t.CustomMetricNames = v, u => u.CustomMetricNames, (u, v) => u.CustomMetricNames = v),
            Maps("CustomDimensions", "CustomDimension", "custom_dimensions", t => t.CustomDimensions, (t, v) => t.CustomDimensions = v, u => u.CustomDimensions, (u, v) => u.CustomDimensions = v),
            Field<List<int>>("OpportunityPriorities", "OpportunityPriority", "opportunity_priorities", TeamFieldKind.IntegerList, t => t.OpportunityPriorities, (t, v) => t.OpportunityPriorities = v, u => u.OpportunityPriorities, (u, v) => u.OpportunityPriorities = v),
        };

        /// <summary>Every field but the id: Name, SlackChannel, then the data filters.</summary>
        public static IReadOnlyList<TeamField> All { get; } = Fields.AsReadOnly();

        /// <summary>The data filters (every field but Name and SlackChannel): the list parameters of New-CtTeam and Set-CtTeam.</summary>
        public static IReadOnlyList<TeamField> Filters { get; } = Fields.Skip(2).ToList().AsReadOnly();

        /// <summary>The field called <paramref name="name"/> (case-insensitive), or null.</summary>
        public static TeamField? Find(string? name) =>
            Fields.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));

        private static TeamField Texts(
            string name, string parameter, string wire,
            Func<Team, List<string>?> getTeam, Action<Team, List<string>?> setTeam,
            Func<TeamUpdate, List<string>?> getUpdate, Action<TeamUpdate, List<string>?> setUpdate,
            bool isSecret = false) =>
            Field(name, parameter, wire, TeamFieldKind.TextList, getTeam, setTeam, getUpdate, setUpdate, isSecret);

        private static TeamField Maps(
            string name, string parameter, string wire,
            Func<Team, List<Dictionary<string, string>>?> getTeam, Action<Team, List<Dictionary<string, string>>?> setTeam,
            Func<TeamUpdate, List<Dictionary<string, string>>?> getUpdate, Action<TeamUpdate, List<Dictionary<string, string>>?> setUpdate) =>
            Field(name, parameter, wire, TeamFieldKind.MapList, getTeam, setTeam, getUpdate, setUpdate);

        private static TeamField Field<T>(
            string name, string parameter, string wire, TeamFieldKind kind,
            Func<Team, T?> getTeam, Action<Team, T?> setTeam,
            Func<TeamUpdate, T?> getUpdate, Action<TeamUpdate, T?> setUpdate,
            bool isSecret = false)
            where T : class =>
            new TeamField(
                name, parameter, wire, kind, isSecret,
                t => getTeam(t), (t, v) => setTeam(t, As<T>(v, name)),
                u => getUpdate(u), (u, v) => setUpdate(u, As<T>(v, name)));

        private static T? As<T>(object? value, string name)
            where T : class =>
            value is null || value is T
                ? (T?)value
                : throw new ArgumentException("A value of " + name + " must be a " + typeof(T).Name + ", not a " + value.GetType().Name + ".", nameof(value));
    }
}
