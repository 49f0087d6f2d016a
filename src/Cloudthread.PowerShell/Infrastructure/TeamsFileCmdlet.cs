using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Text;
using Cloudthread.Client;
using Cloudthread.Client.TeamsAsCode;

namespace Cloudthread.PowerShell.Infrastructure
{
    /// <summary>
    /// Export-CtTeam, Compare-CtTeam and Sync-CtTeam: the -Path of a teams file (.json or .psd1), read and written
    /// through the client's TeamsFile; a .psd1 is evaluated as data only (like Import-PowerShellDataFile, no script runs).
    /// Problems with the file are terminating errors: nothing is changed.
    /// </summary>
    public abstract class TeamsFileCmdlet : CloudthreadCmdlet
    {
        /// <summary>The teams file: .json or .psd1 (by its extension).</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>The organisation's teams and members; null (after a non-terminating error) when they cannot be read.</summary>
        internal TeamsSnapshot? ReadOrganisation() => CallClientOrWriteError(null, token => Client.GetTeamsSnapshotAsync(token));

        /// <summary>The plan from the organisation to the file (terminating when the file is wrong); null when the organisation cannot be read.</summary>
        internal (TeamsSnapshot Organisation, IReadOnlyList<TeamChange> Changes)? Plan()
        {
            var document = ReadTeamsFile();
            var organisation = ReadOrganisation();
            if (organisation is null)
            {
                return null;
            }

            try
            {
                return (organisation, TeamPlan.Create(document, organisation));
            }
            catch (TeamsFileException ex)
            {
                throw Terminate(ex);
            }
        }

        internal TeamsDocument ReadTeamsFile()
        {
            var fullPath = FullPath();
            if (!File.Exists(fullPath))
            {
                ThrowTerminatingError(ErrorRecordFactory.Invocation(ErrorIds.TeamsFileNotFound, ErrorCategory.ObjectNotFound, "The teams file '" + fullPath + "' does not exist.", Path));
            }

            try
            {
                return IsPowerShellData(fullPath)
                    ? TeamsFile.ReadData(EvaluateData(fullPath), Path)
                    : TeamsFile.ReadJson(File.ReadAllText(fullPath, Encoding.UTF8), Path);
            }
            catch (TeamsFileException ex)
            {
                throw Terminate(ex);
            }
        }

        /// <summary>Writes the file: UTF-8 without a BOM, as TeamsFile wrote it (so that two exports of one state are byte-identical).</summary>
        internal void WriteTeamsFile(TeamsSnapshot organisation)
        {
            var fullPath = FullPath();
            var text = IsPowerShellData(fullPath) ? TeamsFile.WritePowerShellData(organisation.Teams) : TeamsFile.WriteJson(organisation.Teams);
            try
            {
                File.WriteAllText(fullPath, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                ThrowTerminatingError(ErrorRecordFactory.Invocation(ErrorIds.TeamsFileNotWritten, ErrorCategory.WriteError, "Could not write '" + fullPath + "': " + ex.Message, Path, inner: ex));
            }
        }

        /// <summary>The full file system path of -Path; an extension other than .json or .psd1 is a terminating error.</summary>
        internal string FullPath()
        {
            var fullPath = GetUnresolvedProviderPathFromPSPath(Path);
            var extension = System.IO.Path.GetExtension(fullPath);
            if (!string.Equals(extension, ".json", StringComparison.OrdinalIgnoreCase) && !IsPowerShellData(fullPath))
            {
                ThrowTerminatingError(ErrorRecordFactory.Invocation(
                    ErrorIds.InvalidTeamsFile, ErrorCategory.InvalidArgument, "A teams file is a .json or a .psd1 file, not '" + Path + "'.", Path));
            }

            return fullPath;
        }

        private static bool IsPowerShellData(string path) => string.Equals(System.IO.Path.GetExtension(path), ".psd1", StringComparison.OrdinalIgnoreCase);

        /// <summary>The hashtable of a .psd1 file, evaluated as constant data (SafeGetValue refuses anything that would run).</summary>
        private object? EvaluateData(string fullPath)
        {
            var ast = Parser.ParseFile(fullPath, out _, out var errors);
            if (errors.Length > 0)
            {
                throw Terminate(new TeamsFileException(Path, errors.Select(e => new ValidationIssue(
                    "line " + e.Extent.StartLineNumber + ", column " + e.Extent.StartColumnNumber, e.Message.TrimEnd('.'))).ToList()));
            }

            var statements = ast.EndBlock?.Statements;
            var data = statements?.Count == 1 && ast.ParamBlock is null && ast.BeginBlock is null && ast.ProcessBlock is null
                ? (statements[0] as PipelineAst)?.GetPureExpression() as HashtableAst
                : null;
            if (data is null)
            {
                throw Terminate(new TeamsFileException(Path, new[] { new ValidationIssue("the file", "must hold one hashtable, @{ Teams = @( ... ) }") }));
            }

            try
            {
                return data.SafeGetValue();
            }
            catch (InvalidOperationException ex)
            {
                throw Terminate(new TeamsFileException(Path, new[] { new ValidationIssue("the file", "holds something other than data (" + ex.Message.TrimEnd('.') + ")") }));
            }
        }

        private TeamsFileException Terminate(TeamsFileException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.InvalidTeamsFile, ErrorCategory.InvalidData, Path));
            return ex; // not reached: ThrowTerminatingError throws
        }
    }
}
