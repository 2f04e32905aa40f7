using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace PartnerBot.Manifest.Tests;

/// <summary>The fields of a PNG IHDR chunk that the icon checks use.</summary>
internal sealed record PngHeader(int Width, int Height, int BitDepth, int ColorType, int InterlaceMethod);

/// <summary>A decoded PNG: 4 bytes (red, green, blue, alpha) per pixel, row by row.</summary>
internal sealed record PngPixels(int Width, int Height, byte[] Rgba)
{
    public (byte Red, byte Green, byte Blue, byte Alpha) this[int x, int y]
    {
        get
        {
            var offset = ((y * Width) + x) * 4;
            return (Rgba[offset], Rgba[offset + 1], Rgba[offset + 2], Rgba[offset + 3]);
        }
    }
}

/// <summary>
/// A small PNG reader for the app icons: 8 bits per channel, no interlacing, any color type.
/// Chunk CRCs are not checked, and a tRNS color key on a grayscale or RGB image is ignored.
/// </summary>
internal static class PngFile
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public static PngHeader ReadHeader(byte[] png)
    {
        var (type, data) = ReadChunks(png).First();
        if (type != "IHDR" || data.Length != 13)
        {
            throw new InvalidDataException($"The first PNG chunk must be a 13-byte IHDR, but it is {type} with {data.Length} bytes.");
        }

        return new PngHeader(
            Width: checked((int)BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(0, 4))),
            Height: checked((int)BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(4, 4))),
            BitDepth: data[8],
            ColorType: data[9],
            InterlaceMethod: data[12]);
    }

    public static PngPixels Decode(byte[] png)
    {
        var header = ReadHeader(png);
        if (header.BitDepth != 8 || header.InterlaceMethod != 0)
        {
            throw new NotSupportedException(
                $"Only 8-bit, non-interlaced PNGs are supported; this one has bit depth {header.BitDepth} and interlace method {header.InterlaceMethod}.");
        }

        var chunks = ReadChunks(png).ToList();
        var compressed = chunks.Where(chunk => chunk.Type == "IDAT").SelectMany(chunk => chunk.Data).ToArray();
        var palette = chunks.FirstOrDefault(chunk => chunk.Type == "PLTE").Data ?? [];
        var paletteAlpha = chunks.FirstOrDefault(chunk => chunk.Type == "tRNS").Data ?? [];

        var channels = ChannelCount(header.ColorType);
        var scanlines = Unfilter(Inflate(compressed), header.Width, header.Height, channels);

        return new PngPixels(header.Width, header.Height, ToRgba(scanlines, header, channels, palette, paletteAlpha));
    }

    private static IEnumerable<(string Type, byte[] Data)> ReadChunks(byte[] png)
    {
        if (png.Length < Signature.Length || !png.AsSpan(0, Signature.Length).SequenceEqual(Signature))
        {
            throw new InvalidDataException("The file does not start with the PNG signature.");
        }

        var offset = Signature.Length;
        while (offset + 12 <= png.Length)
        {
            var length = checked((int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(offset, 4)));
            var type = Encoding.ASCII.GetString(png, offset + 4, 4);
            if (offset + 12 + length > png.Length)
            {
                throw new InvalidDataException($"The PNG chunk {type} at byte {offset} runs past the end of the file.");
            }

            yield return (type, png.AsSpan(offset + 8, length).ToArray());

            if (type == "IEND")
            {
                yield break;
            }

            // Length, type, data and CRC.
            offset += 12 + length;
        }

        throw new InvalidDataException("The PNG file ends without an IEND chunk.");
    }

    private static int ChannelCount(int colorType) => colorType switch
    {
        0 => 1, // grayscale
        2 => 3, // RGB
        3 => 1, // palette index
        4 => 2, // grayscale and alpha
        6 => 4, // RGBA
        _ => throw new InvalidDataException($"PNG color type {colorType} is not defined."),
    };

    private static byte[] Inflate(byte[] compressed)
    {
        using var input = new ZLibStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    /// <summary>Reverses the per-row PNG filters and returns the rows without their filter-type bytes.</summary>
    private static byte[] Unfilter(byte[] filtered, int width, int height, int bytesPerPixel)
    {
        var stride = width * bytesPerPixel;
        if (filtered.Length != height * (stride + 1))
        {
            throw new InvalidDataException($"The image data has {filtered.Length} bytes, but {height * (stride + 1)} were expected.");
        }

        var rows = new byte[height * stride];
        for (var y = 0; y < height; y++)
        {
            var filterType = filtered[y * (stride + 1)];
            var source = filtered.AsSpan((y * (stride + 1)) + 1, stride);
            var row = rows.AsSpan(y * stride, stride);
            ReadOnlySpan<byte> previous = y == 0 ? new byte[stride] : rows.AsSpan((y - 1) * stride, stride);

            for (var i = 0; i < stride; i++)
            {
                int left = i >= bytesPerPixel ? row[i - bytesPerPixel] : 0;
                int up = previous[i];
                int upLeft = i >= bytesPerPixel ? previous[i - bytesPerPixel] : 0;

                var predictor = filterType switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => throw new InvalidDataException($"Row {y} has the undefined PNG filter type {filterType}."),
                };
                row[i] = (byte)(source[i] + predictor);
            }
        }

        return rows;
    }

    private static int Paeth(int left, int up, int upLeft)
    {
        var estimate = left + up - upLeft;
        var distanceLeft = Math.Abs(estimate - left);
        var distanceUp = Math.Abs(estimate - up);
        var distanceUpLeft = Math.Abs(estimate - upLeft);

        if (distanceLeft <= distanceUp && distanceLeft <= distanceUpLeft)
        {
            return left;
        }

        return distanceUp <= distanceUpLeft ? up : upLeft;
    }

    private static byte[] ToRgba(byte[] samples, PngHeader header, int channels, byte[] palette, byte[] paletteAlpha)
    {
        var pixelCount = header.Width * header.Height;
        var rgba = new byte[pixelCount * 4];

        for (var pixel = 0; pixel < pixelCount; pixel++)
        {
            var sample = samples.AsSpan(pixel * channels, channels);
            var target = rgba.AsSpan(pixel * 4, 4);

            switch (header.ColorType)
            {
                case 0:
                    target[0] = target[1] = target[2] = sample[0];
                    target[3] = 255;
                    break;
                case 2:
                    sample.CopyTo(target);
                    target[3] = 255;
                    break;
                case 3:
                    var index = sample[0];
                    if ((index * 3) + 2 >= palette.Length)
                    {
                        throw new InvalidDataException($"Palette index {index} is outside the PLTE chunk.");
                    }

                    palette.AsSpan(index * 3, 3).CopyTo(target);
                    target[3] = index < paletteAlpha.Length ? paletteAlpha[index] : (byte)255;
                    break;
                case 4:
                    target[0] = target[1] = target[2] = sample[0];
                    target[3] = sample[1];
                    break;
                default:
                    sample.CopyTo(target);
                    break;
            }
        }

        return rgba;
    }
}
