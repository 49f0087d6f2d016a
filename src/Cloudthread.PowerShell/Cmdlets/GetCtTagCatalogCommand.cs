using System.Management.Automation;
using Cloudthread.Client.Models;
using Cloudthread.PowerShell.Infrastructure;

namespace Cloudthread.PowerShell.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Gets the tags (key/value pairs) of one or more tag catalogs.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CtTagCatalog", HelpUri = HelpLinks.Base + "Get-CtTagCatalog.md")]
    [OutputType(typeof(TagCatalogEntry))]
    public sealed class GetCtTagCatalogCommand : ItemByItemCmdlet
    {
        /// <summary>The catalog keys (environment, cost-center...).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] CatalogKey { get; set; } = System.Array.Empty<string>();

        protected override string? NotFoundErrorId => ErrorIds.CatalogNotFound;

        protected override void ProcessRecord() =>
            ForEachItem("Getting tag catalogs", "Catalog", CatalogKey, key =>
            {
                foreach (var tag in CallClient(token => Client.GetTagCatalogAsync(key, token)))
                {
                    WriteObject(new TagCatalogEntry { CatalogKey = key, Key = tag.Key, Value = tag.Value });
                }
            });
    }
}
