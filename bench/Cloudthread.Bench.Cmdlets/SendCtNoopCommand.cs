using System.Management.Automation;

namespace Cloudthread.Bench.Cmdlets
{
    /// <summary>
    /// Binds pipeline objects exactly as Send-CtCustomData's -InputObject does (PSObject[], ValueFromPipeline) and
    /// reads the same three properties, then drops them: the most any piped binary cmdlet can do.
    /// </summary>
    [Cmdlet(VerbsCommunications.Send, "CtNoop")]
    public sealed class SendCtNoopCommand : PSCmdlet
    {
        private long _count;

        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [AllowNull]
        public PSObject?[]? InputObject { get; set; }

        protected override void ProcessRecord()
        {
            if (InputObject is null)
            {
                return;
            }

            foreach (var item in InputObject)
            {
                if (item is null)
                {
                    continue;
                }

                foreach (var property in item.Properties)
                {
                    if (property.Value is null)
                    {
                        _count--;
                    }
                }

                _count++;
            }
        }

        protected override void EndProcessing() => WriteObject(_count);
    }
}
