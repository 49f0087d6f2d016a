using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Cloudthread.Client.Models;

namespace Cloudthread.Client.TeamsAsCode
{
    /// <summary>
    /// Writing teams files. The text depends only on the state: teams by id, fields in <see cref="TeamFields"/> order
    /// (empty ones left out: absent means empty), list values sorted, members by email, "\n" line ends. So two exports
    /// of one state are byte-identical, and a change is a small diff. Secrets are never written.
    /// </summary>
    public static partial class TeamsFile
    {
        /// <summary>The teams as a JSON teams file (with its $schema, for editors).</summary>
        public static string WriteJson(IEnumerable<TeamDefinition> teams)
        {
            using var stream = new MemoryStream();
            var options = new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
            using (var writer = new Utf8JsonWriter(stream, options))
            {
                writer.WriteStartObject();
                writer.WriteString(SchemaKey, SchemaUri);
                writer.WriteStartArray(TeamsKey);
                foreach (var team in Entries(teams))
                {
                    writer.WriteStartObject();
                    foreach (var (key, value) in team)
                    {
                        writer.WritePropertyName(key);
                        WriteJsonValue(writer, value);
                    }

                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            // Utf8JsonWriter ends lines with Environment.NewLine; a file must not depend on the machine that wrote it.
            return Encoding.UTF8.GetString(stream.ToArray()).Replace("\r\n", "\n") + "\n";
        }

        /// <summary>The teams as a .psd1 teams file (single-quoted strings, quotes doubled).</summary>
        public static string WritePowerShellData(IEnumerable<TeamDefinition> teams)
        {
            var text = new StringBuilder();
            text.Append("# Cloudthread teams (Export-CtTeam); the format: Get-Help about_Cloudthread_TeamsAsCode\n");
            text.Append("@{\n    ").Append(TeamsKey).Append(" = @(\n");
            foreach (var team in Entries(teams))
            {
                text.Append("        @{\n");
                foreach (var (key, value) in team)
                {
                    text.Append("            ").Append(key).Append(" = ");
                    AppendPowerShellValue(text, value, "            ");
                    text.Append('\n');
                }

                text.Append("        }\n");
            }

            return text.Append("    )\n}\n").ToString();
        }

        /// <summary>Each team as (key, value) pairs in file order, values normalized (see TeamValues).</summary>
        private static IEnumerable<List<(string Key, object Value)>> Entries(IEnumerable<TeamDefinition> teams)
        {
            foreach (var definition in (teams ?? throw new ArgumentNullException(nameof(teams))).OrderBy(t => t.Id, StringComparer.Ordinal))
            {
                var entry = new List<(string Key, object Value)> { (IdKey, definition.Id) };
                foreach (var field in TeamFields.All.Where(f => !f.IsSecret))
                {
                    var value = TeamValues.Normalize(field, field.GetValue(definition.Team));
                    if (!TeamValues.IsEmpty(value) || field.Name == nameof(Team.Name))
                    {
                        entry.Add((field.Name, value ?? string.Empty));
                    }
                }

                var members = definition.Members
                    .OrderBy(e => e, StringComparer.OrdinalIgnoreCase)
                    .ThenBy(e => e, StringComparer.Ordinal)
                    .ToArray();
                if (members.Length > 0)
                {
                    entry.Add((MembersKey, members));
                }

                yield return entry;
            }
        }

        private static void WriteJsonValue(Utf8JsonWriter writer, object value)
        {
            switch (value)
            {
                case string text:
                    writer.WriteStringValue(text);
                    break;
                case string[] texts:
                    writer.WriteStartArray();
                    Array.ForEach(texts, writer.WriteStringValue);
                    writer.WriteEndArray();
                    break;
                case int[] numbers:
                    writer.WriteStartArray();
                    Array.ForEach(numbers, writer.WriteNumberValue);
                    writer.WriteEndArray();
                    break;
                case IReadOnlyDictionary<string, string>[] maps:
                    writer.WriteStartArray();
                    foreach (var map in maps)
                    {
                        writer.WriteStartObject();
                        foreach (var pair in map)
                        {
                            writer.WriteString(pair.Key, pair.Value);
                        }

                        writer.WriteEndObject();
                    }

                    writer.WriteEndArray();
                    break;
            }
        }

        private static void AppendPowerShellValue(StringBuilder text, object value, string indent)
        {
            if (value is string single)
            {
                text.Append(TeamValues.Quote(single));
                return;
            }

            var items = value switch
            {
                string[] texts => texts.Select(TeamValues.Quote),
                int[] numbers => numbers.Select(n => n.ToString(CultureInfo.InvariantCulture)),
                IReadOnlyDictionary<string, string>[] maps => maps.Select(map =>
                    "@{ " + string.Join("; ", map.Select(p => TeamValues.Quote(p.Key) + " = " + TeamValues.Quote(p.Value))) + " }"),
                _ => Enumerable.Empty<string>(),
            };
            text.Append("@(\n");
            foreach (var item in items)
            {
                text.Append(indent).Append("    ").Append(item).Append('\n');
            }

            text.Append(indent).Append(')');
        }
    }
}
