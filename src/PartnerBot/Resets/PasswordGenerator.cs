using System.Security.Cryptography;

namespace PartnerBot.Resets;

/// <summary>Kinds of temporary password.</summary>
public enum PasswordStyle
{
    /// <summary>Random characters from all four classes, without look-alike characters.</summary>
    Random,

    /// <summary>Capitalised words joined by hyphens and ending in two digits, easy to read out over the phone.</summary>
    Passphrase,
}

/// <summary>
/// Generates temporary passwords with a cryptographic random number generator. Every result meets the
/// Microsoft Entra rule of 8 to 256 characters from at least three of the four classes (lower case,
/// upper case, digits, symbols).
/// </summary>
public static class PasswordGenerator
{
    // Look-alikes are left out so that a password read aloud or copied by hand survives:
    // l, i, o, I, O, 0, 1, and symbols such as | ` ' " that are easily confused or mistyped.
    public const string Lowercase = "abcdefghjkmnpqrstuvwxyz";
    public const string Uppercase = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    public const string Digits = "23456789";
    public const string Symbols = "!#$%&*+-=?@";

    public const int MinimumLength = 12;
    public const int MaximumLength = 256;
    public const int MinimumWords = 3;
    public const int MaximumWords = 10;

    private static readonly string AllCharacters = Lowercase + Uppercase + Digits + Symbols;

    /// <summary>
    /// Creates a random password of <paramref name="length"/> characters that contains at least one
    /// character of each of the four classes.
    /// </summary>
    public static string CreateRandom(int length = 16)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, MinimumLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, MaximumLength);

        var characters = new char[length];
        characters[0] = Pick(Lowercase);
        characters[1] = Pick(Uppercase);
        characters[2] = Pick(Digits);
        characters[3] = Pick(Symbols);
        for (var index = 4; index < length; index++)
        {
            characters[index] = Pick(AllCharacters);
        }

        RandomNumberGenerator.Shuffle(characters.AsSpan());
        return new string(characters);
    }

    /// <summary>
    /// Creates a passphrase such as "Copper-Meadow-Violin-Harbor-47": <paramref name="wordCount"/> capitalised
    /// words from <see cref="PassphraseWords"/>, hyphens, and two digits. That covers upper case, lower
    /// case, digits and a symbol.
    /// </summary>
    /// <remarks>
    /// Entropy is about wordCount × log2(word list size) + log2(64) bits, about 42 bits for four words
    /// from the list of over 550 words. That suits a temporary password that must be changed at next sign-in.
    /// </remarks>
    public static string CreatePassphrase(int wordCount = 4)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(wordCount, MinimumWords);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(wordCount, MaximumWords);

        var words = new string[wordCount + 1];
        for (var index = 0; index < wordCount; index++)
        {
            var word = PassphraseWords.All[RandomNumberGenerator.GetInt32(PassphraseWords.All.Count)];
            words[index] = char.ToUpperInvariant(word[0]) + word[1..];
        }

        words[wordCount] = $"{Pick(Digits)}{Pick(Digits)}";
        return string.Join('-', words);
    }

    public static string Create(PasswordStyle style, int length, int wordCount) => style switch
    {
        PasswordStyle.Passphrase => CreatePassphrase(wordCount),
        _ => CreateRandom(length),
    };

    /// <summary>Returns how many of the four character classes <paramref name="password"/> uses.</summary>
    public static int CountCharacterClasses(string password)
    {
        var classes = 0;
        classes += password.Any(char.IsLower) ? 1 : 0;
        classes += password.Any(char.IsUpper) ? 1 : 0;
        classes += password.Any(char.IsDigit) ? 1 : 0;
        classes += password.Any(character => !char.IsLetterOrDigit(character)) ? 1 : 0;
        return classes;
    }

    private static char Pick(string alphabet) => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
}
