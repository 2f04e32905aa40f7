namespace PartnerBot.Tests.Infrastructure;

/// <summary>A complete, valid set of Production settings with placeholder credentials that reach nothing.</summary>
public static class ProductionSettings
{
    public const string AppId = "5f0c2e8a-3b71-4d94-a6e2-9c1b7d3f0a55";

    public static Dictionary<string, string?> Create() => new()
    {
        ["MicrosoftAppType"] = "SingleTenant",
        ["MicrosoftAppId"] = AppId,
        ["MicrosoftAppPassword"] = "not-a-real-secret",
        ["MicrosoftAppTenantId"] = PartnerBotFactory.PartnerTenantId,
        ["PartnerCenter:Authentication:TenantId"] = PartnerBotFactory.PartnerTenantId,
        ["PartnerCenter:Authentication:ClientId"] = AppId,
        ["PartnerCenter:Authentication:ClientCredentials:0:SourceType"] = "ClientSecret",
        ["PartnerCenter:Authentication:ClientCredentials:0:ClientSecret"] = "not-a-real-secret",
        ["PartnerCenter:Authentication:RefreshToken"] = "not-a-real-refresh-token",
        ["PartnerBot:HelpdeskStaff:0"] = PartnerBotFactory.RequesterObjectId,
        ["PartnerBot:Approvers:0"] = "3c9e7b1d-2a54-4f86-9d0b-6e8a1c2f4b22",
    };
}
