using System.Collections.Generic;
using System.Management.Automation;
using Cloudthread.Client;

namespace Cloudthread.PowerShell.Infrastructure
{
    /// <summary>
    /// The PowerShell half of writing -Body as JSON: what only a host knows (PSObject, PSCustomObject,
    /// SwitchParameter) becomes plain values; <see cref="CloudthreadJson"/> does the rest (types, NaN, depth, paths).
    /// </summary>
    internal static class PSObjectJson
    {
        /// <summary>The JSON text of -Body, or null for no body. A string is sent as is (the client checks it is JSON).</summary>
        /// <exception cref="CloudthreadValidationException">The body holds something JSON cannot express.</exception>
        public static string? Serialize(object? body)
        {
            var value = body is PSObject { BaseObject: not PSCustomObject } wrapped ? wrapped.BaseObject : body;
            return value switch
            {
                null => null,
                string text => text,
                _ => CloudthreadJson.Serialize(value, "body", ToPlainValue),
            };
        }

        /// <summary>Called by the client for a type it does not know; returning the value itself refuses it (a ScriptBlock...).</summary>
        private static object? ToPlainValue(object value) => value switch
        {
            PSObject { BaseObject: PSCustomObject } custom => Properties(custom),
            PSObject wrapped => wrapped.BaseObject,
            SwitchParameter flag => flag.IsPresent,
            ScriptBlock => value,
            _ => Properties(PSObject.AsPSObject(value)),
        };

        /// <summary>A PSCustomObject's note properties, or any other object's readable properties, in order.</summary>
        private static IEnumerable<KeyValuePair<string, object?>> Properties(PSObject value)
        {
            foreach (var property in value.Properties)
            {
                if (property.IsGettable)
                {
                    yield return new KeyValuePair<string, object?>(property.Name, property.Value);
                }
            }
        }
    }
}
