using Cloudthread.Client;

namespace Cloudthread.Client.Tests.Typed;

public sealed class ValidationExceptionMessageTests
{
    [Fact]
    public void Message_lists_at_most_twenty_issues_and_counts_the_rest()
    {
        var issues = Enumerable.Range(0, 25).Select(i => new ValidationIssue($"data[{i}].timestamp", "is not on the hour", i)).ToList();

        var ex = new CloudthreadValidationException(issues);

        Assert.StartsWith("25 validation errors: data[0].timestamp: is not on the hour", ex.Message);
        Assert.Contains("data[19].timestamp", ex.Message);
        Assert.DoesNotContain("data[20].timestamp", ex.Message);
        Assert.EndsWith("... and 5 more", ex.Message);
        Assert.Equal(25, ex.Issues.Count);
    }

    [Fact]
    public void A_single_issue_is_the_whole_message()
    {
        var ex = new CloudthreadValidationException(new[] { new ValidationIssue("data[3].timestamp", "10:30:00 (UTC) is not on the hour", 3) });

        Assert.Equal("data[3].timestamp: 10:30:00 (UTC) is not on the hour", ex.Message);
    }
}
