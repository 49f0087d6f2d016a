using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using Cloudthread.Client;
using Cloudthread.Client.Ingestion;
using Cloudthread.Client.Models;
using Cloudthread.PowerShell.Infrastructure;

namespace Cloudthread.PowerShell.Cmdlets
{
    /// <summary>The ways points come in: objects (piped, or an -InputObject array), one -MetricName/-MetricValue point, CSV files.</summary>
    public sealed partial class SendCtCustomDataCommand
    {
        [MethodImpl(HotPath.CompileOptimized)]
        private void AddObjects(CustomDataIngestion ingestion)
        {
            var items = InputObject;
            if (items is null)
            {
                ingestion.Add(null!, null, CancellationToken);
                WriteReports(ingestion);
                return;
            }

            // -InputObject with an array arrives here in one call: report progress against its length.
            var total = items.Length > 1 ? items.Length : 0;
            for (var i = 0; i < items.Length; i++)
            {
                AddObject(ingestion, items[i]);
                if (ingestion.HasReports || ((++_itemsSinceClock & 63) == 0 && ProgressDue()))
                {
                    WriteReports(ingestion, total > 0 ? (double)i / total : (double?)null);
                }
            }
        }

        [MethodImpl(HotPath.CompileOptimized)]
        private void AddObject(CustomDataIngestion ingestion, PSObject? item)
        {
            switch (item?.BaseObject)
            {
                case null:
                    ingestion.Add(null!, item, CancellationToken);
                    return;
                case CustomDataPoint point:
                    ingestion.Add(point, item, CancellationToken);
                    return;
                case System.IO.FileInfo file:
                    // Get-ChildItem *.csv | Send-CtCustomData: a file piped in binds -InputObject (any object does, and
                    // PowerShell picks that set over -LiteralPath), so it is read here as -LiteralPath would read it.
                    AddCsvFiles(ingestion, new[] { file.FullName }, literal: true);
                    return;
            }

            CustomDataColumnMap map;
            object?[] values;
            try
            {
                map = _rows.Read(item, DimensionProperty, out values);
            }
            catch (GetValueException ex)
            {
                // A script property that throws: this item is bad, the rest go on.
                WriteError(new ErrorRecord(ex, ErrorIds.InvalidCustomDataPoint, ErrorCategory.InvalidData, item));
                return;
            }

            ingestion.AddRow(map, values, item, CancellationToken);
        }

        private void AddValue(CustomDataIngestion ingestion)
        {
            var point = new CustomDataPoint(Timestamp, MetricName, MetricValue);
            if (Dimension != null)
            {
                foreach (DictionaryEntry entry in Dimension)
                {
                    point.Dimensions[PSValues.Text(entry.Key)] = PSValues.Text(entry.Value);
                }
            }

            ingestion.Add(point, point, CancellationToken);
            WriteReports(ingestion);
        }

        /// <summary>
        /// Resolves every path first (wildcards for -Path, as written for -LiteralPath) and stops with CsvPathNotFound
        /// before anything is read when one names no file, then adds each file to the one ingestion in turn.
        /// </summary>
        private void AddCsvFiles(CustomDataIngestion ingestion, string[] paths, bool literal)
        {
            var files = new List<(string File, string Given)>();
            foreach (var given in paths)
            {
                foreach (var file in Resolve(given, literal))
                {
                    files.Add((file, given));
                }
            }

            foreach (var (file, given) in files)
            {
                AddCsv(ingestion, file, given);
            }
        }

        private List<string> Resolve(string given, bool literal)
        {
            var found = new List<string>();
            Exception? failure = null;
            try
            {
                if (literal || !WildcardPattern.ContainsWildcardCharacters(given))
                {
                    found.Add(GetUnresolvedProviderPathFromPSPath(given));
                }
                else
                {
                    found.AddRange(GetResolvedProviderPathFromPSPath(given, out _));
                }
            }
            catch (Exception ex) when (ex is ItemNotFoundException or ProviderNotFoundException or DriveNotFoundException or NotSupportedException)
            {
                failure = ex;
            }

            found.RemoveAll(f => !System.IO.File.Exists(f));
            if (failure is not null || found.Count == 0)
            {
                ThrowTerminatingError(new ErrorRecord(
                    failure ?? new System.IO.FileNotFoundException("Cannot find a CSV file at '" + given + "'.", given),
                    ErrorIds.CsvPathNotFound,
                    ErrorCategory.ObjectNotFound,
                    given));
            }

            return found;
        }

        private void AddCsv(CustomDataIngestion ingestion, string path, string given)
        {
            // The engine reads the file on a worker while this thread writes errors and progress; until it has read it
            // all, a stop keeps the rest of the file for -FailedPointsPath.
            var dimensions = DimensionProperty;
            _csvPartlyRead = path;
            try
            {
                RunWhileWriting(
                    token =>
                    {
                        ingestion.AddCsv(path, dimensions, token);
                        return Task.FromResult(true);
                    },
                    _logger,
                    () => WriteReports(ingestion));
                _csvPartlyRead = null;
            }
            catch (CloudthreadValidationException ex)
            {
                ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.InvalidCustomDataCsv, ErrorCategory.InvalidData, given));
            }
        }
    }
}
