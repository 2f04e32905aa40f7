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
    public IReadOnlyList<Guid> HelpdeskStaff { get; init; } = [];

    /// <summary>Microsoft Entra object IDs of the staff who may approve or reject a request.</summary>
    public IReadOnlyList<Guid> Approvers { get; init; } = [];
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

        return ValidateOptionsResult.Success;
    }
}
