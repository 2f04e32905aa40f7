namespace PartnerBot.Benchmarks.Load;

internal static class Percentiles
{
    /// <summary>Returns the nearest-rank percentile <paramref name="percent"/> (0 to 100) of the samples, or zero when there are none.</summary>
    public static TimeSpan Of(IEnumerable<TimeSpan> samples, double percent)
    {
        var sorted = samples.Order().ToArray();
        if (sorted.Length == 0)
        {
            return TimeSpan.Zero;
        }

        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
