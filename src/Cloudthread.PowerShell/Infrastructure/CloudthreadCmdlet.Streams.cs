using System;
using System.Collections.Generic;
using System.Management.Automation;

namespace Cloudthread.PowerShell.Infrastructure
{
    /// <summary>Errors, warnings, verbose lines and progress, written the same way by every cmdlet.</summary>
    public abstract partial class CloudthreadCmdlet
    {
        private const int ProgressActivityId = 0x4354; // "CT": one progress bar per command.

        /// <summary>A verbose line that never prompts (see <see cref="VerboseStream"/>); hides Cmdlet.WriteVerbose for every derived cmdlet.</summary>
        protected new void WriteVerbose(string text) => VerboseStream.Write(this, text);

        /// <summary>
        /// The wildcard filter of one parameter's values; each malformed pattern is reported (InvalidWildcardPattern,
        /// non-terminating: the other values and the rest of the input go on) and matches nothing.
        /// </summary>
        private protected WildcardFilter? WildcardFilterOf(string[]? patterns, string parameterName)
        {
            var invalid = new List<(string Pattern, WildcardPatternException Error)>();
            var filter = WildcardFilter.Create(patterns, invalid);
            foreach (var (pattern, error) in invalid)
            {
                WriteError(ErrorRecordFactory.Invocation(
                    ErrorIds.InvalidWildcardPattern,
                    ErrorCategory.InvalidArgument,
                    "-" + parameterName + " '" + pattern + "' is not a valid wildcard pattern: " + error.Message + " To match [ or ] literally, escape it with a backtick (`[).",
                    pattern,
                    inner: error));
            }

            return filter;
        }

        /// <summary>Writes a non-terminating error for one item, mapped from a client exception (ErrorId, category, details).</summary>
        protected void WriteClientError(Exception exception, object? targetObject) =>
            WriteError(ErrorRecordFactory.FromException(exception, targetObject, NotFoundErrorId, NotSupportedErrorId));

        /// <summary>
        /// A warning that must be seen even while the pipeline stops (a stop report): when the warning stream is
        /// closed (stopped, or $WarningPreference 'Stop' already fired), it goes to the host.
        /// </summary>
        protected void WriteWarningEvenIfStopped(string message)
        {
            try
            {
                WriteWarning(message);
            }
            catch (Exception ex) when (ex is PipelineStoppedException or PSInvalidOperationException or ActionPreferenceStopException)
            {
                Host?.UI?.WriteWarningLine(message);
            }
        }

        /// <summary>
        /// Writes -FailedPointsPath / -FailedEventsPath with <paramref name="save"/> (which returns the sentence saying
        /// where the items are, or null); a file that cannot be written is a FailedItemsFileNotWritten error naming
        /// <paramref name="what"/> ("points"), written even when the pipeline is stopped (then as a host warning).
        /// </summary>
        protected string? SaveFailedItems(string path, string what, Func<string?> save)
        {
            try
            {
                return save();
            }
            catch (Exception ex) when (ex is System.IO.IOException or UnauthorizedAccessException or System.Security.SecurityException)
            {
                var message = "The " + what + " not confirmed could not be written to '" + path + "': " + ex.Message;
                try
                {
                    WriteError(new ErrorRecord(new System.IO.IOException(message, ex), ErrorIds.FailedItemsFileNotWritten, ErrorCategory.WriteError, path));
                }
                catch (Exception stopped) when (stopped is PipelineStoppedException or PSInvalidOperationException or ActionPreferenceStopException)
                {
                    Host?.UI?.WriteWarningLine(message);
                }

                return null;
            }
        }

        /// <summary>Stops the command with an error mapped from a client exception (the whole invocation failed).</summary>
        protected void ThrowClientError(Exception exception, object? targetObject) =>
            ThrowTerminatingError(ErrorRecordFactory.FromException(exception, targetObject, NotFoundErrorId, NotSupportedErrorId));

        /// <summary>Progress of work over several items (written only when there is more than one).</summary>
        protected void WriteItemProgress(string activity, string status, int done, int total)
        {
            if (total > 1)
            {
                WriteProgress(new ProgressRecord(ProgressActivityId, activity, status)
                {
                    PercentComplete = Math.Min(100, done * 100 / total),
                });
            }
        }

        /// <summary>Ends the progress bar started by <see cref="WriteItemProgress"/>.</summary>
        protected void CompleteItemProgress(string activity, int total)
        {
            if (total > 1)
            {
                WriteProgress(new ProgressRecord(ProgressActivityId, activity, "Done") { RecordType = ProgressRecordType.Completed });
            }
        }
    }
}
