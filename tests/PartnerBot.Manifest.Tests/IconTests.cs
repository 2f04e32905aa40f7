namespace PartnerBot.Manifest.Tests;

public sealed class IconTests(PackagedApp package) : IClassFixture<PackagedApp>
{
    [Theory]
    [InlineData("color", 192)]
    [InlineData("outline", 32)]
    public void Icon_has_required_width(string kind, int expectedSize)
    {
        var header = PngFile.ReadHeader(package.ReadIcon(kind));

        Assert.Equal(expectedSize, header.Width);
    }

    [Theory]
    [InlineData("color", 192)]
    [InlineData("outline", 32)]
    public void Icon_has_required_height(string kind, int expectedSize)
    {
        var header = PngFile.ReadHeader(package.ReadIcon(kind));

        Assert.Equal(expectedSize, header.Height);
    }

    [Fact]
    public void Outline_icon_is_white_on_transparent()
    {
        var pixels = PngFile.Decode(package.ReadIcon("outline"));

        var offending = new List<string>();
        for (var y = 0; y < pixels.Height; y++)
        {
            for (var x = 0; x < pixels.Width; x++)
            {
                var (red, green, blue, alpha) = pixels[x, y];
                var isWhite = red == 255 && green == 255 && blue == 255;
                if (alpha != 0 && !isWhite)
                {
                    offending.Add($"({x},{y}) = #{red:X2}{green:X2}{blue:X2} alpha {alpha}");
                }
            }
        }

        Assert.Empty(offending);
    }

    [Fact]
    public void Outline_icon_draws_something()
    {
        var pixels = PngFile.Decode(package.ReadIcon("outline"));

        var opaquePixels = Enumerable.Range(0, pixels.Width * pixels.Height)
            .Count(index => pixels.Rgba[(index * 4) + 3] == 255);

        Assert.True(opaquePixels > 0, "The outline icon has no opaque pixel, so Teams would show nothing.");
    }
}
