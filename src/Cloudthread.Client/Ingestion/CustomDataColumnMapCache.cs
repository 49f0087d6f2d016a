using System;
using System.Collections.Generic;

namespace Cloudthread.Client.Ingestion
{
    /// <summary>
    /// The column maps of one ingestion, one per set of column names (objects of one shape, e.g. every
    /// Import-Csv row, share one). The last map is checked first, so a stream of same-shaped rows costs one
    /// name comparison per row and no allocation. Not thread-safe: one reader fills it.
    /// </summary>
    public sealed class CustomDataColumnMapCache
    {
        /// <summary>Shapes kept at most; past it the cache starts over (input whose every item has its own shape).</summary>
        public const int MaxShapes = 256;

        private readonly Dictionary<string[], CustomDataColumnMap> _maps = new Dictionary<string[], CustomDataColumnMap>(NamesComparer.Instance);
        private readonly string[]? _dimensionColumns;
        private CustomDataColumnMap? _last;

        /// <param name="dimensionColumns">Columns to take dimensions from; null takes every column not otherwise used.</param>
        public CustomDataColumnMapCache(IReadOnlyList<string>? dimensionColumns = null)
        {
            if (dimensionColumns != null)
            {
                _dimensionColumns = new string[dimensionColumns.Count];
                for (var i = 0; i < _dimensionColumns.Length; i++)
                {
                    _dimensionColumns[i] = dimensionColumns[i];
                }
            }
        }

        /// <summary>Shapes currently cached.</summary>
        public int Count => _maps.Count;

        /// <summary>
        /// The map for these names, in value order (compared ordinally: a property renamed in case is another shape).
        /// The names are copied, so the caller may reuse its list.
        /// </summary>
        public CustomDataColumnMap Get(IReadOnlyList<string> columnNames)
        {
            if (columnNames is null)
            {
                throw new ArgumentNullException(nameof(columnNames));
            }

            if (_last != null && SameNames(_last.ColumnNames, columnNames))
            {
                return _last;
            }

            var key = new string[columnNames.Count];
            for (var i = 0; i < key.Length; i++)
            {
                key[i] = columnNames[i] ?? string.Empty;
            }

            if (!_maps.TryGetValue(key, out var map))
            {
                if (_maps.Count >= MaxShapes)
                {
                    _maps.Clear();
                }

                map = CustomDataColumnMap.Create(key, _dimensionColumns);
                _maps.Add(key, map);
            }

            return _last = map;
        }

        private static bool SameNames(IReadOnlyList<string> cached, IReadOnlyList<string> names)
        {
            if (cached.Count != names.Count)
            {
                return false;
            }

            for (var i = 0; i < names.Count; i++)
            {
                if (!string.Equals(cached[i], names[i] ?? string.Empty, StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Name lists compared element by element (no joined key, so no separator can make two lists collide).</summary>
        private sealed class NamesComparer : IEqualityComparer<string[]>
        {
            public static readonly NamesComparer Instance = new NamesComparer();

            public bool Equals(string[]? x, string[]? y)
            {
                if (ReferenceEquals(x, y))
                {
                    return true;
                }

                return x != null && y != null && SameNames(x, y);
            }

            public int GetHashCode(string[] obj)
            {
                unchecked
                {
                    var hash = 17;
                    foreach (var name in obj)
                    {
                        hash = (hash * 31) + StringComparer.Ordinal.GetHashCode(name);
                    }

                    return hash;
                }
            }
        }
    }
}
