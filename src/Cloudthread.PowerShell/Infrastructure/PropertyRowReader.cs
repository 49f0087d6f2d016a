using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using Cloudthread.Client.Ingestion;

namespace Cloudthread.PowerShell.Infrastructure
{
    /// <summary>
    /// Reads an object's property names and values into reused buffers (the PowerShell part); which map a set
    /// of names gets is the client's <see cref="CustomDataColumnMapCache"/>. With named dimensions, an object of
    /// the last shape is read by name as the map's <see cref="CustomDataColumnReadPlan"/> says: listing a new
    /// object's properties costs PowerShell many times what looking up the few a point needs does.
    /// </summary>
    internal sealed class PropertyRowReader
    {
        private readonly List<string> _names = new List<string>();
        private object?[] _values = new object?[16];
        private CustomDataColumnMapCache? _maps;
        private CustomDataColumnMap? _last;

        public CustomDataColumnMap Read(PSObject item, IReadOnlyList<string>? dimensionProperties, out object?[] values)
        {
            if (_last?.ReadByName is { } plan && item.BaseObject is not IDictionary && TryReadByName(item, _last, plan))
            {
                values = _values;
                return _last;
            }

            _names.Clear();
            var count = 0;
            if (item.BaseObject is IDictionary dictionary)
            {
                foreach (DictionaryEntry entry in dictionary)
                {
                    Put(ref count, Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty, entry.Value);
                }
            }
            else
            {
                foreach (var property in item.Properties)
                {
                    if (property.IsGettable)
                    {
                        Put(ref count, property.Name, property.Value);
                    }
                }
            }

            Array.Clear(_values, count, _values.Length - count);
            values = _values;
            _maps ??= new CustomDataColumnMapCache(dimensionProperties);
            return _last = _maps.Get(_names);
        }

        /// <summary>False when the object is not of the map's shape (a column missing, a part it lacks present): read it in full.</summary>
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
                _values[column] = value is PSObject wrapped ? wrapped.BaseObject : value;
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
            _values[count++] = value is PSObject wrapped ? wrapped.BaseObject : value;
        }
    }
}
