namespace Cloudthread.Client.Models
{
    /// <summary>A key/value tag ("Key"/"Value" on the wire).</summary>
    public sealed class Tag
    {
        public string Key { get; set; } = string.Empty;
        public string Value { get; set; } = string.Empty;
        public override string ToString() => Key + "=" + Value;
    }

    /// <summary>One entry of a tag catalog (GET /tag-catalog).</summary>
    public sealed class TagCatalogEntry
    {
        public string CatalogKey { get; set; } = string.Empty;
        public string Key { get; set; } = string.Empty;
        public string Value { get; set; } = string.Empty;
    }
}
