using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Runtime.CompilerServices;
using Cloudthread.Client;
using Cloudthread.Client.Ingestion;

namespace Cloudthread.PowerShell.Infrastructure
{
    /// <summary>
    /// Reads an object's property names and values into reused buffers (the PowerShell part); which map a set
    /// of names gets is the client's <see cref="CustomDataColumnMapCache"/>. An object of the last shape is read by
    /// name: once it is proven to have exactly the last object's properties (<see cref="InstancePropertyShape"/>), or,
    /// with named dimensions, as the map's <see cref="CustomDataColumnReadPlan"/> says. Listing a new object's
    /// properties costs PowerShell many times what looking up the few a point needs does.
    /// </summary>
    internal sealed class PropertyRowReader
    {
        private readonly List<string> _names = new List<string>();
        private object?[] _values = new object?[16];
        private CustomDataColumnMapCache? _maps;
        private CustomDataColumnMap? _last;
        private InstancePropertyShape? _lastShape;

        [MethodImpl(HotPath.CompileOptimized)]
        public CustomDataColumnMap Read(PSObject item, IReadOnlyList<string>? dimensionProperties, out object?[] values)
        {
            if (_lastShape is not null && _lastShape.TryRead(item, _values, _last!.ReadByName?.Columns))
            {
                values = _values;
                return _last;
            }

            if (_last?.ReadByName is { } plan && item.BaseObject is not IDictionary && TryReadByName(item, _last, plan))
            {
                values = _values;
                return _last;
            }

            _names.Clear();
            var count = 0;
            var allOwn = item.BaseObject is not IDictionary;
            if (item.BaseObject is IDictionary dictionary)
            {
                foreach (DictionaryEntry entry in dictionary)
                {
                    Put(ref count, PSValues.Text(entry.Key), entry.Value);
                }
            }
            else
            {
                foreach (var property in item.Properties)
                {
                    allOwn &= property.IsInstance;
                    if (property.IsGettable)
                    {
                        Put(ref count, property.Name, property.Value);
                    }
                }
            }

            Array.Clear(_values, count, _values.Length - count);
            values = _values;
            _maps ??= new CustomDataColumnMapCache(dimensionProperties);
            _last = _maps.Get(_names);
            // A later object proven to have exactly these properties (InstancePropertyShape) is read by name: every column,
            // or with named dimensions only those the map's plan needs. Otherwise (another kind of object), the plan alone
            // says what to look up, and without named dimensions every object is listed.
            _lastShape = allOwn && _last.Problem is null ? InstancePropertyShape.Of(item, _last.ColumnNames) : null;
            return _last;
        }

        /// <summary>False when the object is not of the map's shape (a column missing, a part it lacks present): read it in full.</summary>
        [MethodImpl(HotPath.CompileOptimized)]
        private bool TryReadByName(PSObject item, CustomDataColumnMap map, CustomDataColumnReadPlan plan)
        {
            var properties = item.Properties;
            foreach (var name in plan.AbsentPartNames)
            {
                if (properties[name] is not null)
                {
                    return false;
                }
            }

            Array.Clear(_values, 0, _values.Length);
            foreach (var column in plan.Columns)
            {
                var property = properties[map.ColumnNames[column]];
                if (property is null || !property.IsGettable)
                {
                    return false;
                }

                var value = property.Value;
                _values[column] = PSValues.Unwrap(value);
            }

            return true;
        }

        private void Put(ref int count, string name, object? value)
        {
            if (count == _values.Length)
            {
                Array.Resize(ref _values, _values.Length * 2);
            }

            _names.Add(name);
            _values[count++] = PSValues.Unwrap(value);
        }
    }
}
