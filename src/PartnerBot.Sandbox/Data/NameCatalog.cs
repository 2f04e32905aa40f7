namespace PartnerBot.Sandbox.Data;

/// <summary>A name as shown, and its ASCII form for domains and user principal names.</summary>
internal readonly record struct Name(string Display, string Ascii);

/// <summary>Word lists from which the seeded directory builds company and person names.</summary>
internal static class NameCatalog
{
    public static readonly string[] EnglishCores =
    [
        "Harbor", "Oakridge", "Bluewater", "Summit", "Redwood", "Ironbridge", "Kingsley", "Whitmore", "Ashford",
        "Brightline", "Cedar", "Falcon", "Granite", "Lakeside", "Meridian", "Pinecrest", "Riverside", "Silverline",
        "Stonegate", "Westbrook", "Northwind", "Fabrikam", "Tailspin", "Woodgrove", "Litware", "Proseware",
    ];

    public static readonly string[] EnglishIndustries =
    [
        "Logistics", "Consulting", "Dental Care", "Engineering", "Accounting", "Legal Services", "Foods",
        "Manufacturing", "Architecture", "Realty", "Software", "Health", "Insurance", "Marketing", "Electrical",
        "Plumbing", "Print", "Travel", "Veterinary", "Solar",
    ];

    public static readonly string[] EnglishSuffixes = ["Ltd", "Inc.", "LLC", "Group", "Partners", "Co."];

    public static readonly string[] GermanCores =
    [
        "Müller", "Schäfer", "Weiß", "Köhler", "Groß", "Schröder", "Krüger", "Hoffmann", "Wagner", "Becker",
        "Schulz", "Fischer", "Jäger", "Böhm", "Löwe", "Fuchs",
    ];

    public static readonly string[] GermanIndustries =
    [
        "Logistik", "Maschinenbau", "Bauunternehmung", "Elektrotechnik", "Immobilien", "Steuerberatung", "Getränke",
        "Zahntechnik", "Gebäudereinigung", "Spedition", "Druckerei", "Möbelwerkstätten",
    ];

    public static readonly string[] GermanSuffixes = ["GmbH", "AG", "GmbH & Co. KG", "KG", "e.K."];

    public static readonly string[] FrenchNames =
    [
        "Lefèvre", "Dubois", "Moreau", "Girard", "Rousseau", "Bérenger", "Fournier", "Mercier", "Leroy", "Faure",
        "Chevalier", "Gauthier", "Lemaître", "Noël", "Barthélemy",
    ];

    public static readonly string[] FrenchPatterns =
    [
        "{0} & Fils", "Boulangerie {0}", "Cabinet {0}", "{0} Énergie", "Atelier {0}", "Transports {0}", "Pharmacie {0}",
    ];

    public static readonly string[] FrenchSuffixes = ["SA", "SARL", "SAS"];

    public static readonly string[] NordicNames =
    [
        "Bjørn", "Søndergaard", "Åkesson", "Lindqvist", "Hägglund", "Jørgensen", "Kristiansen", "Nyström",
        "Virtanen", "Mäkinen", "Ødegård", "Løvstad",
    ];

    public static readonly string[] NordicNouns =
    [
        "Vind", "Bygg", "Fisk", "Teknik", "Transport", "Energi", "Data", "Skog", "Konsult", "Design",
    ];

    public static readonly string[] NordicSuffixes = ["A/S", "AB", "AS", "Oy"];

    public static readonly Name[] JapanesePlaces =
    [
        new("東京", "tokyo"), new("大阪", "osaka"), new("名古屋", "nagoya"), new("京都", "kyoto"),
        new("横浜", "yokohama"), new("福岡", "fukuoka"), new("札幌", "sapporo"), new("神戸", "kobe"),
    ];

    public static readonly Name[] JapaneseTrades =
    [
        new("商事", "shoji"), new("電機", "denki"), new("物流", "butsuryu"), new("建設", "kensetsu"),
        new("食品", "shokuhin"), new("精密", "seimitsu"), new("薬品", "yakuhin"), new("印刷", "insatsu"),
    ];

    public static readonly string[] SpanishNames =
    [
        "Núñez", "Peña", "Muñoz", "García", "Fernández", "Ibáñez", "López", "Martín", "Castaño", "Gómez",
    ];

    public static readonly string[] SpanishSectors =
    [
        "Construcciones", "Servicios", "Logística", "Asesores", "Alimentación", "Energía",
    ];

    public static readonly string[] CentralEuropeanNames =
    [
        "Wiśniewski", "Kowalczyk", "Dvořák", "Novák", "Černý", "Łukaszewicz", "Procházka", "Zieliński",
    ];

    public static readonly string[] CentralEuropeanSectors = ["Transport", "Budownictwo", "Stavby", "Software", "Logistyka"];

    public static readonly string[] CentralEuropeanSuffixes = ["Sp. z o.o.", "s.r.o.", "a.s."];

    public static readonly string[] Cities =
    [
        "Nord", "Süd", "West", "Ost", "Central", "Hamburg", "Lyon", "Leeds", "Bergen", "Osaka", "Sevilla", "Brno",
    ];

    public static readonly Name[] FirstNames =
    [
        new("Anna", "anna"), new("Jürgen", "juergen"), new("Zoë", "zoe"), new("Søren", "soren"),
        new("Hiroshi", "hiroshi"), new("Yuki", "yuki"), new("José", "jose"), new("Mónica", "monica"),
        new("François", "francois"), new("Hélène", "helene"), new("Björn", "bjorn"), new("Åsa", "asa"),
        new("Łucja", "lucja"), new("Tomáš", "tomas"), new("Olivia", "olivia"), new("Liam", "liam"),
        new("Emma", "emma"), new("Noah", "noah"), new("Mia", "mia"), new("Lukas", "lukas"), new("Sofia", "sofia"),
        new("Mateo", "mateo"), new("Chloé", "chloe"), new("Jakub", "jakub"), new("Ingrid", "ingrid"),
        new("Mikael", "mikael"), new("Aiko", "aiko"), new("Kenji", "kenji"), new("Priya", "priya"),
        new("Arjun", "arjun"), new("Fatima", "fatima"), new("Omar", "omar"), new("Grace", "grace"),
        new("Henry", "henry"), new("Isabel", "isabel"), new("Jack", "jack"), new("Lena", "lena"),
        new("Maximilian", "maximilian"), new("Nora", "nora"), new("Oscar", "oscar"), new("Paula", "paula"),
        new("Rafael", "rafael"), new("Sara", "sara"), new("Theo", "theo"), new("Ursula", "ursula"),
        new("Viktor", "viktor"), new("Wiebke", "wiebke"), new("Xavier", "xavier"),
    ];

    public static readonly Name[] LastNames =
    [
        new("Müller", "mueller"), new("Schmidt", "schmidt"), new("Weiß", "weiss"), new("Nakamura", "nakamura"),
        new("Tanaka", "tanaka"), new("Sato", "sato"), new("Dubois", "dubois"), new("Lefèvre", "lefevre"),
        new("García", "garcia"), new("Núñez", "nunez"), new("Jørgensen", "jorgensen"), new("Åkesson", "akesson"),
        new("Dvořák", "dvorak"), new("Wiśniewski", "wisniewski"), new("Smith", "smith"), new("Johnson", "johnson"),
        new("Brown", "brown"), new("Taylor", "taylor"), new("Wilson", "wilson"), new("Davies", "davies"),
        new("Evans", "evans"), new("Thomas", "thomas"), new("Roberts", "roberts"), new("Walker", "walker"),
        new("Wright", "wright"), new("Green", "green"), new("Hall", "hall"), new("Wood", "wood"),
        new("Clarke", "clarke"), new("Patel", "patel"), new("Khan", "khan"), new("Singh", "singh"),
        new("Rossi", "rossi"), new("Russo", "russo"), new("Ferrari", "ferrari"), new("Esposito", "esposito"),
        new("Bianchi", "bianchi"), new("Romano", "romano"), new("Kowalski", "kowalski"), new("Novak", "novak"),
        new("Horvat", "horvat"), new("Kovač", "kovac"), new("Fischer", "fischer"), new("Becker", "becker"),
        new("Hoffmann", "hoffmann"), new("Schäfer", "schaefer"), new("Koch", "koch"), new("Richter", "richter"),
        new("Klein", "klein"), new("Wolf", "wolf"), new("Schröder", "schroeder"), new("Neumann", "neumann"),
        new("Schwarz", "schwarz"), new("Zimmermann", "zimmermann"), new("Braun", "braun"), new("Krüger", "krueger"),
        new("Hofmann", "hofmann"), new("Hartmann", "hartmann"), new("Lange", "lange"), new("Schmitt", "schmitt"),
        new("Werner", "werner"), new("Krause", "krause"), new("Meier", "meier"), new("Lehmann", "lehmann"),
    ];

    /// <summary>Turns a display name into lowercase ASCII letters and digits, transliterating common accents.</summary>
    public static string ToAscii(string text)
    {
        var builder = new System.Text.StringBuilder(text.Length);
        foreach (var character in text.ToLowerInvariant())
        {
            var replacement = character switch
            {
                >= 'a' and <= 'z' or >= '0' and <= '9' => character.ToString(),
                'ä' or 'æ' => "ae",
                'ö' or 'ø' or 'œ' => "oe",
                'ü' => "ue",
                'ß' => "ss",
                'à' or 'á' or 'â' or 'å' or 'ã' => "a",
                'è' or 'é' or 'ê' or 'ë' or 'ę' => "e",
                'ì' or 'í' or 'î' or 'ï' => "i",
                'ò' or 'ó' or 'ô' or 'õ' => "o",
                'ù' or 'ú' or 'û' or 'ů' => "u",
                'ç' or 'č' or 'ć' => "c",
                'ñ' or 'ń' => "n",
                'ł' => "l",
                'ř' => "r",
                'š' or 'ś' => "s",
                'ž' or 'ź' or 'ż' => "z",
                'ý' => "y",
                'ě' => "e",
                _ => "",
            };
            builder.Append(replacement);
        }

        return builder.ToString();
    }
}
