using System.Text.RegularExpressions;

namespace PartnerBot.Sandbox.Graph;

/// <summary>
/// The part of OData <c>$filter</c> that the sandbox understands: <c>startswith(property,'literal')</c> clauses joined
/// by <c>or</c>. A single quote inside a literal must be doubled, as in OData; an undoubled one makes the filter invalid.
/// </summary>
internal sealed partial record GraphFilter(IReadOnlyList<(string Property, string Prefix)> Clauses)
{
    /// <summary>Parses a filter, or returns null when it is not a list of startswith clauses.</summary>
    public static GraphFilter? Parse(string text)
    {
        var clauses = new List<(string, string)>();
        var position = 0;
        while (true)
        {
            var match = Clause().Match(text, position);
            if (!match.Success || match.Index != position)
            {
                return null;
            }

            clauses.Add((match.Groups["property"].Value, match.Groups["literal"].Value.Replace("''", "'", StringComparison.Ordinal)));
            position = match.Index + match.Length;
            if (position == text.Length)
            {
                return new GraphFilter(clauses);
            }

            var separator = Or().Match(text, position);
            if (!separator.Success || separator.Index != position)
            {
                return null;
            }

            position += separator.Length;
        }
    }

    public bool Matches(Func<string, string?> property) =>
        Clauses.Any(clause => property(clause.Property)?.StartsWith(clause.Prefix, StringComparison.OrdinalIgnoreCase) == true);

    [GeneratedRegex(@"\s*startswith\(\s*(?<property>[A-Za-z]+)\s*,\s*'(?<literal>(?:[^']|'')*)'\s*\)\s*")]
    private static partial Regex Clause();

    [GeneratedRegex(@"or\b", RegexOptions.IgnoreCase)]
    private static partial Regex Or();
}
