using System;
using System.Collections.Generic;
using System.Linq.Expressions;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.CompilerServices;
using Cloudthread.Client;

namespace Cloudthread.PowerShell.Infrastructure
{
    /// <summary>
    /// The property names of a custom object (Import-Csv rows, [pscustomobject]) whose every listed property is its
    /// own (an instance member), so that a later object can be proven to have exactly the same properties without
    /// listing them: it is a custom object of the same type names (so types.ps1xml adds it the same members, here
    /// none), its own visible members are as many, and each name is one of them, spelled the same. Listing a new
    /// object's properties makes PowerShell build its reserved member sets (psobject, psbase, psextended...) and
    /// copy every member, which costs many times what looking the few names up does.
    /// </summary>
    /// <remarks>
    /// PowerShell has no public count of an object's own members; the count is read from its internal member table.
    /// Where that table is not found (another PowerShell), no shape is ever taken and every object is listed.
    /// </remarks>
    internal sealed class InstancePropertyShape
    {
        private static readonly Func<PSObject, int>? VisibleInstanceMemberCount = CompileVisibleInstanceMemberCount();

        private readonly IReadOnlyList<string> _names;
        private readonly string[] _typeNames;
        private readonly PSPropertyInfo?[] _found;

        private InstancePropertyShape(IReadOnlyList<string> names, string[] typeNames)
        {
            _names = names;
            _typeNames = typeNames;
            _found = new PSPropertyInfo?[names.Count];
        }

        /// <summary>
        /// The shape of <paramref name="item"/>, whose listing gave <paramref name="names"/> (every one an instance
        /// member, readable); null when it cannot be proven for a later object (not a custom object, members of its
        /// own that are not among the names, such as a script method).
        /// </summary>
        public static InstancePropertyShape? Of(PSObject item, IReadOnlyList<string> names)
        {
            if (VisibleInstanceMemberCount is null || item.BaseObject is not PSCustomObject || VisibleInstanceMemberCount(item) != names.Count)
            {
                return null;
            }

            var typeNames = new string[item.TypeNames.Count];
            item.TypeNames.CopyTo(typeNames, 0);
            return new InstancePropertyShape(names, typeNames);
        }

        /// <summary>
        /// Reads the values of an object of this shape into <paramref name="values"/>, in the order of the names (only
        /// those at <paramref name="columns"/> when given, the rest left null); false, having read nothing, when the
        /// object is not of this shape.
        /// </summary>
        [MethodImpl(HotPath.CompileOptimized)]
        public bool TryRead(PSObject item, object?[] values, IReadOnlyList<int>? columns)
        {
            if (item.BaseObject is not PSCustomObject || VisibleInstanceMemberCount!(item) != _names.Count || !SameTypeNames(item.TypeNames))
            {
                return false;
            }

            var properties = item.Properties;
            for (var i = 0; i < _names.Count; i++)
            {
                var property = properties[_names[i]];
                if (property is null || !property.IsInstance || !property.IsGettable || !string.Equals(property.Name, _names[i], StringComparison.Ordinal))
                {
                    return false;
                }

                _found[i] = property;
            }

            // Only now read: a script property's getter runs once per object, as listing runs it (or not at all when
            // its column is not needed).
            Array.Clear(values, 0, values.Length);
            var count = columns?.Count ?? _found.Length;
            for (var i = 0; i < count; i++)
            {
                var column = columns is null ? i : columns[i];
                var value = _found[column]!.Value;
                values[column] = PSValues.Unwrap(value);
            }

            Array.Clear(_found, 0, _found.Length);
            return true;
        }

        [MethodImpl(HotPath.CompileOptimized)]
        private bool SameTypeNames(System.Collections.ObjectModel.Collection<string> typeNames)
        {
            if (typeNames.Count != _typeNames.Length)
            {
                return false;
            }

            for (var i = 0; i < _typeNames.Length; i++)
            {
                if (!string.Equals(typeNames[i], _typeNames[i], StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>item => item.InstanceMembers.VisibleCount (both internal to PowerShell); null when either is missing.</summary>
        private static Func<PSObject, int>? CompileVisibleInstanceMemberCount()
        {
            try
            {
                const BindingFlags Internal = BindingFlags.Instance | BindingFlags.NonPublic;
                var members = typeof(PSObject).GetProperty("InstanceMembers", Internal);
                var count = members?.PropertyType.GetProperty("VisibleCount", Internal);
                if (members is null || count is null || count.PropertyType != typeof(int))
                {
                    return null;
                }

                var item = Expression.Parameter(typeof(PSObject), "item");
                return Expression.Lambda<Func<PSObject, int>>(Expression.Property(Expression.Property(item, members), count), item).Compile();
            }
            catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or MemberAccessException or NotSupportedException)
            {
                return null;
            }
        }
    }
}
