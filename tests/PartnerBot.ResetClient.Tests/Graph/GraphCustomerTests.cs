using PartnerBot.Sandbox.Data;

namespace PartnerBot.ResetClient.Tests.Graph;

[Collection(GraphSandboxCollection.Name)]
public sealed class GraphCustomerTests(GraphSandboxFixture fixture)
{
    [Fact]
    public async Task Search_finds_customers_by_name_prefix()
    {
        using var client = fixture.CreateClient();

        var page = await client.Directory.SearchCustomersAsync(
            new CustomerSearch(CustomerSearchField.CompanyName, "contoso mega"), Guid.NewGuid(), default);

        var customer = Assert.Single(page.Customers);
        Assert.Equal(WellKnownCustomers.ContosoMegacorpId, customer.Id);
        Assert.Equal(WellKnownCustomers.ContosoMegacorpName, customer.CompanyName);
        Assert.Null(page.ContinuationToken);
    }

    [Fact]
    public async Task Search_sends_filter_top_and_order()
    {
        using var client = fixture.CreateClient();
        var correlationId = Guid.NewGuid();

        await client.Directory.SearchCustomersAsync(new CustomerSearch(CustomerSearchField.CompanyName, "Mü", 7), correlationId, default);

        var request = Assert.Single(fixture.RequestsFor(correlationId));
        var query = Uri.UnescapeDataString(request.QueryString);
        Assert.Equal("/v1.0/tenantRelationships/delegatedAdminCustomers", request.Path);
        Assert.Contains("$filter=startswith(displayName,'Mü')", query);
        Assert.Contains("$top=7", query);
        Assert.Contains("$orderby=displayName", query);
    }

    [Fact]
    public async Task Paging_with_skip_token_returns_every_customer_once()
    {
        using var client = fixture.CreateClient();
        var expected = fixture.Sandbox.Directory.Customers
            .Count(customer => customer.HasRelationship && customer.CompanyName.StartsWith("B", StringComparison.OrdinalIgnoreCase));
        var seen = new List<string>();
        var pages = 0;

        string? token = null;
        do
        {
            var page = await client.Directory.SearchCustomersAsync(
                new CustomerSearch(CustomerSearchField.CompanyName, "B", 25, token), Guid.NewGuid(), default);
            seen.AddRange(page.Customers.Select(customer => customer.Id));
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null);

        Assert.True(expected > 25, $"only {expected} customers start with B");
        Assert.Equal(expected, seen.Count);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal((expected + 24) / 25, pages);
    }

    [Fact]
    public async Task Customer_without_relationship_is_not_listed()
    {
        using var client = fixture.CreateClient();

        var page = await client.Directory.SearchCustomersAsync(
            new CustomerSearch(CustomerSearchField.CompanyName, "Fabrikam Former"), Guid.NewGuid(), default);

        Assert.Empty(page.Customers);
    }

    [Fact]
    public async Task Domain_search_is_rejected_with_guidance()
    {
        using var client = fixture.CreateClient();

        var exception = await Assert.ThrowsAsync<DirectoryRequestException>(() => client.Directory.SearchCustomersAsync(
            new CustomerSearch(CustomerSearchField.Domain, "contoso.onmicrosoft.com"), Guid.NewGuid(), default));

        Assert.Equal(DirectoryFailureKind.InvalidInput, exception.Failure.Kind);
        Assert.Contains("company name", exception.Failure.Sentence);
    }

    [Fact]
    public async Task Continuation_token_for_another_host_is_refused()
    {
        using var client = fixture.CreateClient();
        var foreign = System.Buffers.Text.Base64Url.EncodeToString(
            "https://attacker.example/v1.0/tenantRelationships/delegatedAdminCustomers"u8);

        await Assert.ThrowsAsync<ArgumentException>(() => client.Directory.SearchCustomersAsync(
            new CustomerSearch(CustomerSearchField.CompanyName, "B", 25, foreign), Guid.NewGuid(), default));
    }

    [Fact]
    public async Task Get_customer_reads_name_and_default_domain()
    {
        using var client = fixture.CreateClient();

        var customer = await client.Directory.GetCustomerAsync(WellKnownCustomers.MullerLogistikId, Guid.NewGuid(), default);

        Assert.Equal(WellKnownCustomers.MullerLogistikName, customer.CompanyName);
        Assert.Equal(fixture.Muller.Domain, customer.Domain);
    }

    [Fact]
    public async Task Get_unknown_customer_fails_as_not_found()
    {
        using var client = fixture.CreateClient();

        var exception = await Assert.ThrowsAsync<DirectoryRequestException>(() =>
            client.Directory.GetCustomerAsync(WellKnownCustomers.FormerCustomerId, Guid.NewGuid(), default));

        Assert.Equal(DirectoryFailureKind.CustomerNotFound, exception.Failure.Kind);
    }
}
