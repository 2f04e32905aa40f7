using System.Buffers.Binary;
using System.Globalization;

namespace PartnerBot.Sandbox.Data;

/// <summary>
/// Customers and users generated from a fixed seed, so every run serves the same directory. Customers are built
/// once at start-up. A user is computed from its customer and position on each request, so a customer with
/// 50,000 users is never held in memory as a whole.
/// </summary>
public sealed class SeededDirectory
{
    private const int GeneratedCustomerStart = 3;

    private static readonly DateTimeOffset SyncReference = new(2026, 11, 1, 6, 0, 0, TimeSpan.Zero);

    private readonly int _seed;
    private readonly SandboxCustomer[] _customers;
    private readonly Dictionary<Guid, SandboxCustomer> _customersById;
    private readonly ushort _customerMask;
    private readonly uint _userMask;

    public SeededDirectory(int seed, int customerCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(customerCount, GeneratedCustomerStart);

        _seed = seed;
        _customerMask = (ushort)Mix((ulong)seed, 1);
        _userMask = (uint)Mix((ulong)seed, 2);
        _customers = CreateCustomers(seed, customerCount);
        _customersById = _customers.ToDictionary(customer => customer.Id);
        CustomersByName = [.. _customers.OrderBy(customer => customer.CompanyName, StringComparer.OrdinalIgnoreCase)];
        CustomersByDomain = [.. _customers.OrderBy(customer => customer.Domain, StringComparer.OrdinalIgnoreCase)];
    }

    public IReadOnlyList<SandboxCustomer> Customers => _customers;

    public IReadOnlyList<SandboxCustomer> CustomersByName { get; }

    public IReadOnlyList<SandboxCustomer> CustomersByDomain { get; }

    public SandboxCustomer? FindCustomer(Guid customerId) => _customersById.GetValueOrDefault(customerId);

    /// <summary>Computes the user at <paramref name="index"/> (0-based, in listing order) of a customer.</summary>
    public SandboxUser GetUser(SandboxCustomer customer, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, customer.UserCount);

        var position = Permute(index, customer.UserCount, customer.Index);
        var first = NameCatalog.FirstNames[position % NameCatalog.FirstNames.Length];
        var last = NameCatalog.LastNames[position / NameCatalog.FirstNames.Length % NameCatalog.LastNames.Length];
        var generation = position / (NameCatalog.FirstNames.Length * NameCatalog.LastNames.Length);
        var suffix = generation == 0 ? "" : (generation + 1).ToString(CultureInfo.InvariantCulture);
        var hash = Mix((ulong)_seed ^ ((ulong)customer.Index << 32), (ulong)index);

        DateTimeOffset? lastSync = customer.SyncsFromOnPremises && index % 4 != 0
            ? SyncReference.AddMinutes(-(double)(hash % 20_000))
            : null;

        return new SandboxUser(
            UserId(customer, index, hash),
            index,
            $"{first.Ascii}.{last.Ascii}{suffix}@{customer.Domain}",
            first.Display,
            last.Display,
            $"{first.Display} {last.Display}",
            customer.Country,
            IsInactive: index % 41 == 13,
            lastSync,
            RolesOf(index));
    }

    /// <summary>Finds a user by id; the id itself encodes the customer and position, checked against the generated id.</summary>
    public SandboxUser? FindUser(SandboxCustomer customer, Guid userId)
    {
        Span<byte> bytes = stackalloc byte[16];
        userId.TryWriteBytes(bytes);
        var customerIndex = BinaryPrimitives.ReadUInt16LittleEndian(bytes[10..]) ^ _customerMask;
        var index = (int)(BinaryPrimitives.ReadUInt32LittleEndian(bytes[12..]) ^ _userMask);

        if (customerIndex != customer.Index || index < 0 || index >= customer.UserCount)
        {
            return null;
        }

        var user = GetUser(customer, index);
        return user.Id == userId ? user : null;
    }

    private Guid UserId(SandboxCustomer customer, int index, ulong hash)
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, hash);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes[8..], (ushort)Mix(hash, 3));
        BinaryPrimitives.WriteUInt16LittleEndian(bytes[10..], (ushort)(customer.Index ^ _customerMask));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes[12..], (uint)index ^ _userMask);

        // Version 4 and RFC 4122 variant bits, so the ids look like ordinary random GUIDs.
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    private static IReadOnlyList<SandboxRole> RolesOf(int index)
    {
        if (index == 0)
        {
            return [SandboxRoles.CompanyAdministrator];
        }

        var roles = new List<SandboxRole>();
        if (index % 97 == 5)
        {
            roles.Add(SandboxRoles.UserAdministrator);
        }

        if (index % 211 == 17)
        {
            roles.Add(SandboxRoles.HelpdeskAdministrator);
        }

        if (index % 151 == 3)
        {
            roles.Add(SandboxRoles.BillingAdministrator);
        }

        if (index % 997 == 7)
        {
            roles.Add(SandboxRoles.PrivilegedAuthenticationAdministrator);
        }

        if (index % 1_009 == 11)
        {
            roles.Add(SandboxRoles.CompanyAdministrator);
        }

        return roles;
    }

    // A bijection of [0, count) that spreads neighbouring positions, so consecutive users get unrelated names.
    private static int Permute(int index, int count, int salt)
    {
        long[] multipliers = [7_919, 104_729, 1_299_709];
        var multiplier = multipliers.First(prime => count % prime != 0);
        return (int)((index * multiplier + salt * 31L) % count);
    }

    private static SandboxCustomer[] CreateCustomers(int seed, int count)
    {
        var random = new Random(seed);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var domains = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var customers = new SandboxCustomer[count];

        customers[0] = new SandboxCustomer(0, Guid.Parse(WellKnownCustomers.ContosoMegacorpId), WellKnownCustomers.ContosoMegacorpName,
            WellKnownCustomers.ContosoMegacorpDomain, "US", WellKnownCustomers.ContosoMegacorpUserCount, true, true);
        customers[1] = new SandboxCustomer(1, Guid.Parse(WellKnownCustomers.MullerLogistikId), WellKnownCustomers.MullerLogistikName,
            "muellerlogistik.onmicrosoft.com", "DE", WellKnownCustomers.MullerLogistikUserCount, true, false);
        customers[2] = new SandboxCustomer(2, Guid.Parse(WellKnownCustomers.FormerCustomerId), WellKnownCustomers.FormerCustomerName,
            "fabrikamformer.onmicrosoft.com", "GB", 8, false, false);

        foreach (var customer in customers.Take(GeneratedCustomerStart))
        {
            names.Add(customer.CompanyName);
            domains.Add(customer.Domain);
        }

        for (var index = GeneratedCustomerStart; index < count; index++)
        {
            // A few draws before falling back to a suffix keep most names free of "Nord" or "2".
            var company = CompanyNames.Create(random, index);
            for (var draw = 0; draw < 8 && names.Contains(company.Display); draw++)
            {
                company = CompanyNames.Create(random, index);
            }

            var suffix = UniqueSuffix(company.Display, names);
            var name = company.Display + suffix;
            var domain = MakeUniqueDomain(company.Ascii + NameCatalog.ToAscii(suffix), domains);
            var country = company.Country;
            var id = NewGuid(random);
            customers[index] = new SandboxCustomer(
                index, id, name, domain, country, UserCountFor(random), HasRelationship: index % 400 != 123,
                SyncsFromOnPremises: random.NextDouble() < 0.3);
        }

        return customers;
    }

    private static int UserCountFor(Random random)
    {
        var draw = random.NextDouble();
        return draw switch
        {
            < 0.75 => random.Next(3, 31),
            < 0.95 => random.Next(31, 301),
            < 0.995 => random.Next(301, 3_001),
            _ => random.Next(3_001, 8_001),
        };
    }

    // Returns what to append to a company name to make it unique: nothing, a city or a number.
    private static string UniqueSuffix(string name, HashSet<string> names)
    {
        if (names.Add(name))
        {
            return "";
        }

        foreach (var city in NameCatalog.Cities)
        {
            if (names.Add($"{name} {city}"))
            {
                return " " + city;
            }
        }

        for (var number = 2; ; number++)
        {
            if (names.Add($"{name} {number}"))
            {
                return " " + number.ToString(CultureInfo.InvariantCulture);
            }
        }
    }

    private static string MakeUniqueDomain(string ascii, HashSet<string> domains)
    {
        var stem = ascii.Length > 27 ? ascii[..27] : ascii;
        if (stem.Length == 0)
        {
            stem = "tenant";
        }

        for (var number = 1; ; number++)
        {
            var candidate = number == 1 ? $"{stem}.onmicrosoft.com" : $"{stem}{number}.onmicrosoft.com";
            if (domains.Add(candidate))
            {
                return candidate;
            }
        }
    }

    private static Guid NewGuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    // SplitMix64 finaliser: a cheap, well-spread hash of two numbers.
    private static ulong Mix(ulong value, ulong salt)
    {
        var z = value + (salt * 0x9E3779B97F4A7C15UL) + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
