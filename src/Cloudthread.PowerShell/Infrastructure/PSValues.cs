using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using Cloudthread.Client;

namespace Cloudthread.PowerShell.Infrastructure
{
    /// <summary>
    /// Values from parameters as the client takes them: the PSObject PowerShell may wrap around a value is taken off
    /// here (the only PowerShell part), and the text of a value is the client's one rule, <see cref="CloudthreadText.Of"/>.
    /// </summary>
    internal static class PSValues
    {
        /// <summary>The value inside a PSObject wrapper, or the value itself.</summary>
        public static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;

        /// <summary>A parameter value as the text that is sent (a date as ISO 8601, true as true, numbers invariant).</summary>
        public static string Text(object? value) => CloudthreadText.Of(Unwrap(value));

        /// <summary>A hashtable (-Headers, -AwsTag...) as names to texts; a later duplicate name under <paramref name="comparer"/> wins.</summary>
        public static Dictionary<string, string> TextMap(IDictionary source, IEqualityComparer<string> comparer)
        {
            var result = new Dictionary<string, string>(source.Count, comparer);
            foreach (DictionaryEntry entry in source)
            {
                result[Text(entry.Key)] = Text(entry.Value);
            }

            return result;
        }
    }
}
