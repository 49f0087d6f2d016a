using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;

namespace Cloudthread.PowerShell.Infrastructure
{
    /// <summary>The client's JSON tree (ordered dictionaries, lists, scalars) as PowerShell objects.</summary>
    internal static class JsonObjects
    {
        /// <summary>Objects become PSCustomObjects with properties in document order; arrays become object[].</summary>
        public static object? ToPSObject(object? value)
        {
            switch (value)
            {
                case IDictionary<string, object?> map:
                    var result = new PSObject();
                    foreach (var pair in map)
                    {
                        result.Properties.Add(new PSNoteProperty(pair.Key, ToPSObject(pair.Value)));
                    }

                    return result;
                case string text:
                    return text;
                case IList list:
                    var array = new object?[list.Count];
                    for (var i = 0; i < array.Length; i++)
                    {
                        array[i] = ToPSObject(list[i]);
                    }

                    return array;
                default:
                    return value;
            }
        }
    }
}
