using System;
using System.Management.Automation;

namespace Cloudthread.PowerShell.Infrastructure
{
    /// <summary>
    /// The only calls to ShouldProcess/ShouldContinue in the module (ConfirmationTests keeps it so): a host that
    /// cannot ask gets ConfirmationNotPossible, which says what to add.
    /// </summary>
    public abstract partial class CloudthreadCmdlet
    {
        /// <summary>
        /// ShouldProcess for a change, where a host that cannot ask (pwsh -NonInteractive, a scheduler) gets a
        /// terminating error that says what to add, instead of the engine's generic "Read and Prompt functionality
        /// is not available". Every change asks through these (ConfirmationTests keeps it so).
        /// </summary>
        protected bool ShouldProcessChange(string target, string action)
        {
            try
            {
                return ShouldProcess(target, action);
            }
            catch (PSInvalidOperationException ex)
            {
                throw ConfirmationNotPossible(target, action, ex);
            }
        }

        /// <inheritdoc cref="ShouldProcessChange(string, string)"/>
        protected bool ShouldProcessChange(string description, string warning, string caption)
        {
            try
            {
                return ShouldProcess(description, warning, caption);
            }
            catch (PSInvalidOperationException ex)
            {
                throw ConfirmationNotPossible(description, caption, ex);
            }
        }

        /// <inheritdoc cref="ShouldProcessChange(string, string)"/>
        protected bool ShouldProcessChange(string description, string warning, string caption, out ShouldProcessReason reason)
        {
            try
            {
                return ShouldProcess(description, warning, caption, out reason);
            }
            catch (PSInvalidOperationException ex)
            {
                throw ConfirmationNotPossible(description, caption, ex);
            }
        }

        /// <summary>ShouldContinue (always asks) with the same answer for a host that cannot ask.</summary>
        protected bool ShouldContinueChange(string query, string caption, ref bool yesToAll, ref bool noToAll)
        {
            try
            {
                return ShouldContinue(query, caption, ref yesToAll, ref noToAll);
            }
            catch (PSInvalidOperationException ex)
            {
                throw ConfirmationNotPossible(query, caption, ex);
            }
        }

        private PipelineStoppedException ConfirmationNotPossible(string target, string action, Exception cause)
        {
            // The engine throws PSInvalidOperationException when a confirmation prompt meets a host that cannot prompt.
            var name = MyInvocation.MyCommand.Name;
            ThrowTerminatingError(ErrorRecordFactory.Invocation(
                ErrorIds.ConfirmationNotPossible,
                ErrorCategory.InvalidOperation,
                name + " needs a confirmation to '" + action + "' (" + target + "), and this PowerShell cannot ask for one: " +
                "it is non-interactive. Nothing more was changed. Add -Confirm:$false to go ahead without asking, or -WhatIf to see what would change.",
                target,
                name + " ... -Confirm:$false",
                cause));
            return new PipelineStoppedException(); // not reached: ThrowTerminatingError throws
        }
    }
}
