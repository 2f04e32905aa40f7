namespace PartnerBot.Sandbox.Data;

/// <summary>A company name, an ASCII form of it for the domain, and the company's country.</summary>
internal sealed record CompanyName(string Display, string Ascii, string Country);

/// <summary>Builds company names in the style of one of several regions.</summary>
internal static class CompanyNames
{
    public static CompanyName Create(Random random, int index)
    {
        // A few fixed names with non-ASCII letters, so searches for them always find something.
        switch (index)
        {
            case 3: return Latin("Société Générale des Eaux", "FR");
            case 4: return Latin("Ørsted Vind", "DK");
            case 5: return new CompanyName("株式会社さくら商事", "sakurashoji", "JP");
        }

        var draw = random.NextDouble();
        var (name, country) = draw switch
        {
            < 0.35 => English(random),
            < 0.55 => German(random),
            < 0.70 => French(random),
            < 0.80 => Nordic(random),
            < 0.88 => Japanese(random),
            < 0.95 => Spanish(random),
            _ => CentralEuropean(random),
        };

        return name.Ascii is null ? Latin(name.Display, country) : new CompanyName(name.Display, name.Ascii, country);
    }

    private static CompanyName Latin(string display, string country) => new(display, NameCatalog.ToAscii(display), country);

    private static ((string Display, string? Ascii), string) English(Random random)
    {
        var name = $"{Pick(random, NameCatalog.EnglishCores)} {Pick(random, NameCatalog.EnglishIndustries)} {Pick(random, NameCatalog.EnglishSuffixes)}";
        return ((name, null), random.Next(2) == 0 ? "GB" : "US");
    }

    private static ((string Display, string? Ascii), string) German(Random random) =>
        (($"{Pick(random, NameCatalog.GermanCores)} {Pick(random, NameCatalog.GermanIndustries)} {Pick(random, NameCatalog.GermanSuffixes)}", null), "DE");

    private static ((string Display, string? Ascii), string) French(Random random)
    {
        var core = string.Format(
            System.Globalization.CultureInfo.InvariantCulture, Pick(random, NameCatalog.FrenchPatterns), Pick(random, NameCatalog.FrenchNames));
        return (($"{core} {Pick(random, NameCatalog.FrenchSuffixes)}", null), "FR");
    }

    private static ((string Display, string? Ascii), string) Nordic(Random random)
    {
        string[] countries = ["DK", "SE", "NO", "FI"];
        var name = $"{Pick(random, NameCatalog.NordicNames)} {Pick(random, NameCatalog.NordicNouns)} {Pick(random, NameCatalog.NordicSuffixes)}";
        return ((name, null), Pick(random, countries));
    }

    private static ((string Display, string? Ascii), string) Japanese(Random random)
    {
        var place = Pick(random, NameCatalog.JapanesePlaces);
        var trade = Pick(random, NameCatalog.JapaneseTrades);

        var name = random.Next(2) == 0
            ? $"株式会社{place.Display}{trade.Display}"
            : $"{place.Display}{trade.Display}株式会社";
        return ((name, place.Ascii + trade.Ascii), "JP");
    }

    private static ((string Display, string? Ascii), string) Spanish(Random random) =>
        (($"{Pick(random, NameCatalog.SpanishSectors)} {Pick(random, NameCatalog.SpanishNames)} S.L.", null), "ES");

    private static ((string Display, string? Ascii), string) CentralEuropean(Random random)
    {
        var name = $"{Pick(random, NameCatalog.CentralEuropeanNames)} {Pick(random, NameCatalog.CentralEuropeanSectors)} {Pick(random, NameCatalog.CentralEuropeanSuffixes)}";
        return ((name, null), random.Next(2) == 0 ? "PL" : "CZ");
    }

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];
}
