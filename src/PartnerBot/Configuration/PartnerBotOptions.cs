using Microsoft.Extensions.Options;

namespace PartnerBot.Configuration;

/// <summary>PartnerBot's own settings, from the "PartnerBot" configuration section.</summary>
public sealed record PartnerBotOptions
{
    public const string SectionName = "PartnerBot";

    /// <summary>
    /// Directory (tenant) ID of the CSP partner. Activities from any other tenant are dropped, because a
    /// single-tenant app registration does not stop people in other tenants from installing the app.
    /// </summary>
    public Guid? PartnerTenantId { get; init; }

    /// <summary>Microsoft Entra object IDs of the helpdesk staff who may request a password reset.</summary>
    public IReadOnlyList<string> HelpdeskStaff { get; init; } = [];

    /// <summary>Microsoft Entra object IDs of the staff who may approve or reject a request.</summary>
    public IReadOnlyList<string> Approvers { get; init; } = [];

    /// <summary>Approvers who may also approve resets of users with administrator roles, when <see cref="PrivilegedTargets"/> allows it.</summary>
    public IReadOnlyList<string> PrivilegedApprovers { get; init; } = [];

    /// <summary>What happens when the chosen user holds an administrator role. Default: Reject.</summary>
    public PrivilegedTargetPolicy PrivilegedTargets { get; init; } = PrivilegedTargetPolicy.Reject;

    /// <summary>How long approvers have to decide. Default: 30 minutes.</summary>
    public TimeSpan ApprovalTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>How long a search or confirmation prompt may sit idle before the request expires. Default: 15 minutes.</summary>
    public TimeSpan PromptTimeout { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>How long the private message keeps the password before it is edited out. Default: 15 minutes.</summary>
    public TimeSpan PasswordMessageLifetime { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Whether the user must change the temporary password at next sign-in. Default: true.</summary>
    public bool ForceChangePassword { get; init; } = true;

    /// <summary>Random characters (default) or a passphrase that is easy to read out.</summary>
    public Resets.PasswordStyle PasswordStyle { get; init; } = Resets.PasswordStyle.Random;

    /// <summary>Length of random passwords, 12 to 256. Default: 16.</summary>
    public int PasswordLength { get; init; } = 16;

    /// <summary>Number of words in a passphrase, 3 to 10. Default: 4.</summary>
    public int PassphraseWordCount { get; init; } = 4;

    /// <summary>How often the background worker expires requests and removes passwords from messages. Default: 15 seconds.</summary>
    public TimeSpan WorkerInterval { get; init; } = TimeSpan.FromSeconds(15);
}

/// <summary>Handling of reset targets that hold a directory (administrator) role.</summary>
public enum PrivilegedTargetPolicy
{
    /// <summary>Such users cannot be picked.</summary>
    Reject,

    /// <summary>Such users can be picked, and only a privileged approver can approve the reset.</summary>
    RequirePrivilegedApprover,
}

/// <summary>Checks PartnerBot's own settings at start-up.</summary>
public sealed class PartnerBotOptionsValidator : IValidateOptions<PartnerBotOptions>
{
    public ValidateOptionsResult Validate(string? name, PartnerBotOptions options)
    {
        if (options.PartnerTenantId is null || options.PartnerTenantId == Guid.Empty)
        {
            return ValidateOptionsResult.Fail("PartnerBot:PartnerTenantId is missing. Set it to the directory (tenant) ID of the partner's Microsoft Entra tenant (a GUID).");
        }

        var failures = new List<string>();
        ValidateObjectIds(failures, "HelpdeskStaff", options.HelpdeskStaff, required: true);
        ValidateObjectIds(failures, "Approvers", options.Approvers, required: true);
        ValidateObjectIds(failures, "PrivilegedApprovers", options.PrivilegedApprovers, required: false);

        if (options.ApprovalTimeout <= TimeSpan.Zero)
        {
            failures.Add("PartnerBot:ApprovalTimeout must be positive, for example 00:30:00.");
        }

        if (options.PromptTimeout <= TimeSpan.Zero)
        {
            failures.Add("PartnerBot:PromptTimeout must be positive, for example 00:15:00.");
        }

        if (options.WorkerInterval <= TimeSpan.Zero)
        {
            failures.Add("PartnerBot:WorkerInterval must be positive, for example 00:00:15.");
        }

        if (options.PasswordMessageLifetime <= TimeSpan.Zero)
        {
            failures.Add("PartnerBot:PasswordMessageLifetime must be positive, for example 00:15:00.");
        }

        if (options.PasswordLength is < Resets.PasswordGenerator.MinimumLength or > Resets.PasswordGenerator.MaximumLength)
        {
            failures.Add($"PartnerBot:PasswordLength is {options.PasswordLength}. Set it to a number from {Resets.PasswordGenerator.MinimumLength} to {Resets.PasswordGenerator.MaximumLength}.");
        }

        if (options.PassphraseWordCount is < Resets.PasswordGenerator.MinimumWords or > Resets.PasswordGenerator.MaximumWords)
        {
            failures.Add($"PartnerBot:PassphraseWordCount is {options.PassphraseWordCount}. Set it to a number from {Resets.PasswordGenerator.MinimumWords} to {Resets.PasswordGenerator.MaximumWords}.");
        }

        if (options.PrivilegedTargets == PrivilegedTargetPolicy.RequirePrivilegedApprover && options.PrivilegedApprovers.Count == 0)
        {
            failures.Add("PartnerBot:PrivilegedApprovers is empty, but PartnerBot:PrivilegedTargets is RequirePrivilegedApprover. Add the object IDs of the approvers who may approve resets of administrators.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateObjectIds(List<string> failures, string key, IReadOnlyList<string> values, bool required)
    {
        if (required && values.Count == 0)
        {
            failures.Add($"PartnerBot:{key} is empty. Add the Microsoft Entra object IDs of the people in this role, or nobody can use PartnerBot.");
        }

        foreach (var value in values.Where(value => !Guid.TryParse(value, out _)))
        {
            failures.Add($"PartnerBot:{key} contains '{value}', which is not an object ID. Use the person's Microsoft Entra object ID (a GUID), not a name or e-mail address.");
        }
    }
}
