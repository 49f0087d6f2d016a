using System;
using System.Collections.Generic;
using System.Linq;

namespace Cloudthread.Client.Ingestion
{
    /// <summary>
    /// How to read a row by name when its dimensions were named (<c>-DimensionProperty</c>): look up the columns a
    /// point is made of, as the first row of the shape named them, and check that the row has none of the usual
    /// names of a part that shape lacks (its own aggregation function, token or dimensions column). A row that
    /// lacks one of the columns, or has one of those names, is read in full instead (it is another shape).
    /// For PowerShell objects this matters: listing a new object's properties costs PowerShell many times what
    /// looking a few of them up does.
    /// </summary>
    /// <remarks>
    /// Which column plays which part is decided by the first row of the shape: a later row that also has another
    /// spelling of a part it has (both Timestamp and Time) is read as that first row was.
    /// </remarks>
    public sealed class CustomDataColumnReadPlan
    {
        private static readonly string[] AggregationFunctionNames = { "AggregationFunction", "Aggregation_Function", "metric_agg_func", "MetricAggFunc", "Aggregation", "AggFunc", "Agg_Func", "Agg" };
        private static readonly string[] DataStreamTokenNames = { "DataStreamToken", "data_stream_token" };
        private static readonly string[] DimensionsNames = { "Dimensions", "custom_dimensions", "CustomDimensions" };

        private CustomDataColumnReadPlan(int[] columns, string[] absentPartNames)
        {
            Columns = columns;
            AbsentPartNames = absentPartNames;
        }

        /// <summary>Indexes (into the map's column names and the row's values) of the columns to look up; each must exist.</summary>
        public IReadOnlyList<int> Columns { get; }

        /// <summary>Names that must not exist (matched case-insensitively): each would give the row a part its shape lacks.</summary>
        public IReadOnlyList<string> AbsentPartNames { get; }

        internal static CustomDataColumnReadPlan? For(CustomDataColumnMap map)
        {
            if (map.Problem != null)
            {
                return null;
            }

            var absent = new List<string>();
            if (map.AggregationFunctionColumn < 0)
            {
                absent.AddRange(AggregationFunctionNames);
            }

            if (map.DataStreamTokenColumn < 0)
            {
                absent.AddRange(DataStreamTokenNames);
            }

            if (map.DimensionsColumn < 0)
            {
                absent.AddRange(DimensionsNames);
            }

            return new CustomDataColumnReadPlan(map.UsedColumns().Distinct().ToArray(), absent.ToArray());
        }
    }
}
