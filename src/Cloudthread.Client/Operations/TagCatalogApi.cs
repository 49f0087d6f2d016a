using System.Collections.Generic;
using Cloudthread.Client.Http;
using Cloudthread.Client.Models;
using Cloudthread.Client.Serialization;
using Cloudthread.Client.Validation;

namespace Cloudthread.Client.Operations
{
    /// <summary>GET /tag-catalog?catalog_key=: request building and answer parsing.</summary>
    internal static class TagCatalogApi
    {
        public static ApiRequest BuildGet(string? catalogKey)
        {
            var issues = new ValidationIssueList();
            issues.Required(catalogKey, "catalog_key");
            issues.ThrowIfAny();
            var request = WireJson.Get("/tag-catalog");
            request.Query.Add(new KeyValuePair<string, string>("catalog_key", catalogKey!));
            return request;
        }

        public static IReadOnlyList<Tag> Parse(ApiRequest request, ApiResponse response)
        {
            var wire = WireJson.Read(request, response, CloudthreadJsonContext.Default.TagCatalogWire);
            var tags = new List<Tag>();
            foreach (var tag in wire?.Tags ?? new List<TagWire>())
            {
                if (tag is not null)
                {
                    tags.Add(new Tag { Key = tag.Key ?? string.Empty, Value = tag.Value ?? string.Empty });
                }
            }

            return tags;
        }
    }
}
