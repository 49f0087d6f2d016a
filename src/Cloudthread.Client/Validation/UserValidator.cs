using System;
using Cloudthread.Client.Models;

namespace Cloudthread.Client.Validation
{
    /// <summary>Rules of the (ext) POST /users body.</summary>
    internal static class UserValidator
    {
        public static void Validate(NewUserRequest? user)
        {
            var issues = new ValidationIssueList();
            if (user is null)
            {
                issues.Add("user", "is required");
                issues.ThrowIfAny();
                return;
            }

            issues.Required(user.Email, "email");
            if (!string.IsNullOrWhiteSpace(user.Email) && !IsEmailShaped(user.Email.Trim()))
            {
                issues.Add("email", "'" + ValidationIssueList.Shorten(user.Email) + "' is not an email address");
            }

            issues.Required(user.Name, "name");
            if (!Enum.IsDefined(typeof(UserRole), user.Role))
            {
                issues.Add("role", "'" + user.Role + "' is not Admin or Member");
            }

            if (user.TeamId is { Length: > 0 } teamId && teamId.Trim().Length == 0)
            {
                issues.Add("team_id", "must not be blank");
            }

            issues.ThrowIfAny();
        }

        /// <summary>local@domain.tld: one '@', no whitespace, a dot inside the domain. Deliverability is the server's business.</summary>
        internal static bool IsEmailShaped(string email)
        {
            var at = email.IndexOf('@');
            if (at <= 0 || at != email.LastIndexOf('@') || at == email.Length - 1)
            {
                return false;
            }

            foreach (var c in email)
            {
                if (char.IsWhiteSpace(c) || char.IsControl(c))
                {
                    return false;
                }
            }

            var domain = email.Substring(at + 1);
            var dot = domain.IndexOf('.');
            return dot > 0 && !domain.EndsWith(".", StringComparison.Ordinal) && domain.IndexOf("..", StringComparison.Ordinal) < 0;
        }
    }
}
