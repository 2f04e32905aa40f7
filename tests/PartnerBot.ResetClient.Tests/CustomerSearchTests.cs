using System.Net;
using PartnerBot.Sandbox.Data;

namespace PartnerBot.ResetClient.Tests;

[Collection(SandboxCollection.Name)]
public sealed class CustomerSearchTests(SandboxFixture fixture)
{
    [Fact]
    public async Task Name_prefix_matches_non_ASCII_case_insensitively()
    {
        using var client = fixture.CreateClient();

        var page = await client.Directory.SearchCustomersAsync(
            new CustomerSearch(CustomerSearchField.CompanyName, "müller logistik", PageSize: 50), Guid.NewGuid(), default);

        Assert.Contains(page.Customers, customer => customer.Id == WellKnownCustomers.MullerLogistikId);
        Assert.All(page.Customers, customer =>
            Assert.StartsWith("Müller Logistik", customer.CompanyName, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("Société Générale")]
    [InlineData("Ørsted")]
    [InlineData("株式会社さくら")]
    public async Task Non_ASCII_company_names_are_found(string prefix)
    {
        using var client = fixture.CreateClient();

        var page = await client.Directory.SearchCustomersAsync(
            new CustomerSearch(CustomerSearchField.CompanyName, prefix), Guid.NewGuid(), default);

        Assert.NotEmpty(page.Customers);
    }

    [Fact]
    public async Task Filter_is_sent_as_encoded_JSON()
    {
        using var client = fixture.CreateClient();
        var correlationId = Guid.NewGuid();

        await client.Directory.SearchCustomersAsync(
            new CustomerSearch(CustomerSearchField.Domain, "contoso&co", PageSize: 7), correlationId, default);

        var query = fixture.RequestsFor(correlationId).Single().QueryString;
        var filter = WebUtility.UrlDecode(query.Split("filter=")[1]);
        Assert.Contains("size=7", query);
        Assert.Equal("""{"Field":"Domain","Value":"contoso\u0026co","Operator":"starts_with"}""", filter);
    }

    [Fact]
    public async Task Domain_prefix_finds_customer()
    {
        using var client = fixture.CreateClient();

        var page = await client.Directory.SearchCustomersAsync(
            new CustomerSearch(CustomerSearchField.Domain, "contosomega"), Guid.NewGuid(), default);

        var customer = Assert.Single(page.Customers);
        Assert.Equal(WellKnownCustomers.ContosoMegacorpName, customer.CompanyName);
    }

    [Fact]
    public async Task Paging_returns_each_customer_once()
    {
        using var client = fixture.CreateClient();
        var expected = fixture.Sandbox.Directory.Customers.Count(customer =>
            customer.CompanyName.StartsWith("m", StringComparison.OrdinalIgnoreCase));
        var seen = new List<string>();
        string? continuation = null;
        var pages = 0;

        do
        {
            var page = await client.Directory.SearchCustomersAsync(
                new CustomerSearch(CustomerSearchField.CompanyName, "m", PageSize: 40, continuation), Guid.NewGuid(), default);
            seen.AddRange(page.Customers.Select(customer => customer.Id));
            continuation = page.ContinuationToken;
            pages++;
        }
        while (continuation is not null);

        Assert.True(pages > 1, $"expected several pages, got {pages}");
        Assert.Equal(expected, seen.Count);
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task Paging_works_under_a_mount_prefix()
    {
        var mounted = new Uri(fixture.Address, SandboxFixture.MountPrefix).ToString();
        using var client = fixture.CreateClient(new Dictionary<string, string?> { ["BaseAddress"] = mounted });

        var first = await client.Directory.SearchCustomersAsync(
            new CustomerSearch(CustomerSearchField.CompanyName, "a", PageSize: 5), Guid.NewGuid(), default);
        var second = await client.Directory.SearchCustomersAsync(
            new CustomerSearch(CustomerSearchField.CompanyName, "a", PageSize: 5, first.ContinuationToken), Guid.NewGuid(), default);

        Assert.Equal(5, second.Customers.Count);
        Assert.Empty(first.Customers.Select(customer => customer.Id).Intersect(second.Customers.Select(customer => customer.Id)));
    }

    [Fact]
    public async Task Get_customer_returns_its_profile()
    {
        using var client = fixture.CreateClient();

        var customer = await client.Directory.GetCustomerAsync(WellKnownCustomers.MullerLogistikId, Guid.NewGuid(), default);

        Assert.Equal(WellKnownCustomers.MullerLogistikName, customer.CompanyName);
        Assert.Equal("muellerlogistik.onmicrosoft.com", customer.Domain);
    }

    [Fact]
    public async Task Unknown_customer_is_reported_not_found()
    {
        using var client = fixture.CreateClient();

        var exception = await Assert.ThrowsAsync<DirectoryRequestException>(() =>
            client.Directory.GetCustomerAsync(Guid.NewGuid().ToString(), Guid.NewGuid(), default));

        Assert.Equal(DirectoryFailureKind.CustomerNotFound, exception.Failure.Kind);
        Assert.Equal("60003", exception.Failure.ErrorCode);
    }

    [Fact]
    public async Task Foreign_continuation_token_is_rejected()
    {
        using var client = fixture.CreateClient();

        await Assert.ThrowsAsync<ArgumentException>(() => client.Directory.SearchCustomersAsync(
            new CustomerSearch(CustomerSearchField.CompanyName, "a", ContinuationToken: "not-a-token!"), Guid.NewGuid(), default));
    }
}
