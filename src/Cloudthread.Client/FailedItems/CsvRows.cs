using System.Collections.Generic;
using System.IO;
using System.Text;

namespace Cloudthread.Client.FailedItems
{
    /// <summary>RFC 4180 rows, as Import-Csv and Send-CtCustomData -Path read them back.</summary>
    internal static class CsvRows
    {
        public static void Write(TextWriter writer, IEnumerable<string?> fields)
        {
            var first = true;
            foreach (var field in fields)
            {
                if (!first)
                {
                    writer.Write(',');
                }

                first = false;
                writer.Write(Escape(field ?? string.Empty));
            }

            writer.Write("\r\n");
        }

        private static string Escape(string field)
        {
            var quote = field.Length > 0 && (field[0] == ' ' || field[field.Length - 1] == ' ');
            foreach (var c in field)
            {
                if (c == ',' || c == '"' || c == '\r' || c == '\n')
                {
                    quote = true;
                    break;
                }
            }

            return quote ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;
        }

        /// <summary>UTF-8 without a byte order mark: what every CSV reader takes.</summary>
        public static StreamWriter Create(string path) => new StreamWriter(path, false, new UTF8Encoding(false));
    }
}
