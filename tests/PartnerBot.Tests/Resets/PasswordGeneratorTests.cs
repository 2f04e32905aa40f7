using PartnerBot.Resets;

namespace PartnerBot.Tests.Resets;

public sealed class PasswordGeneratorTests
{
    private const string LookAlikes = "lIoO01|`'\" ";

    [Fact]
    public void Random_password_has_default_length()
    {
        var password = PasswordGenerator.CreateRandom();

        Assert.Equal(16, password.Length);
    }

    [Theory]
    [InlineData(12)]
    [InlineData(16)]
    [InlineData(64)]
    [InlineData(256)]
    public void Random_password_uses_all_classes(int length)
    {
        for (var attempt = 0; attempt < 500; attempt++)
        {
            var password = PasswordGenerator.CreateRandom(length);

            Assert.Equal(length, password.Length);
            Assert.Equal(4, PasswordGenerator.CountCharacterClasses(password));
            Assert.True(password.IndexOfAny(LookAlikes.ToCharArray()) < 0, $"'{password}' contains a look-alike character.");
        }
    }

    [Fact]
    public void Random_passwords_differ()
    {
        var passwords = Enumerable.Range(0, 1000).Select(_ => PasswordGenerator.CreateRandom()).ToHashSet();

        Assert.Equal(1000, passwords.Count);
    }

    [Fact]
    public void Random_password_uses_whole_alphabet()
    {
        var alphabet = PasswordGenerator.Lowercase + PasswordGenerator.Uppercase + PasswordGenerator.Digits + PasswordGenerator.Symbols;

        var seen = Enumerable.Range(0, 2000).SelectMany(_ => PasswordGenerator.CreateRandom()).ToHashSet();

        Assert.Equal(alphabet.Order(), seen.Order());
    }

    [Theory]
    [InlineData(11)]
    [InlineData(257)]
    public void Random_length_out_of_range_throws(int length)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PasswordGenerator.CreateRandom(length));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(10)]
    public void Passphrase_meets_tenant_rule(int wordCount)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var passphrase = PasswordGenerator.CreatePassphrase(wordCount);

            var parts = passphrase.Split('-');
            Assert.Equal(wordCount + 1, parts.Length);
            Assert.All(parts[..^1], word => Assert.Contains(word.ToLowerInvariant(), PassphraseWords.All));
            Assert.Matches("^[2-9]{2}$", parts[^1]);
            Assert.InRange(passphrase.Length, 8, 256);
            Assert.True(PasswordGenerator.CountCharacterClasses(passphrase) >= 3, $"'{passphrase}' uses fewer than three character classes.");
        }
    }

    [Fact]
    public void Word_list_is_clean()
    {
        var words = PassphraseWords.All;

        Assert.True(words.Count >= 550, $"The word list has {words.Count} words; the entropy estimate assumes at least 550.");
        Assert.Equal(words.Count, words.Distinct(StringComparer.Ordinal).Count());
        Assert.All(words, word => Assert.Matches("^[a-z]{3,8}$", word));
    }
}
