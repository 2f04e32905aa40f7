#!/usr/bin/env python3
"""Draw PartnerBot's Teams app icons: a shield with a keyhole.

Writes manifest/color.png (192x192, white shield on the accent color) and
manifest/outline.png (32x32, white shield outline on a transparent background,
as Teams requires for the outline icon). Uses only the standard library, and the
output is byte-for-byte the same on every run, so the committed PNGs can be
regenerated and compared with `git diff`.

Usage: python3 manifest/icon-generator/draw_icons.py
"""

import math
import struct
import zlib
from pathlib import Path

# The manifest's accentColor (#1F5FAD) as RGB.
ACCENT = (0x1F, 0x5F, 0xAD)
WHITE = (0xFF, 0xFF, 0xFF)

# Shield geometry in unit coordinates: x to the right, y downwards, both 0..1.
# The straight edges fall on whole pixels of the 32 px icon, so they stay sharp.
SHIELD_CENTER_X = 0.5
SHIELD_TOP = 0.125
SHIELD_SHOULDER = 0.50
SHIELD_BOTTOM = 0.875
SHIELD_HALF_WIDTH = 0.3125

KEYHOLE_CENTER_Y = 0.42
KEYHOLE_RADIUS = 0.085
KEYHOLE_SLOT_TOP = 0.45
KEYHOLE_SLOT_BOTTOM = 0.67
KEYHOLE_SLOT_HALF_WIDTH_TOP = 0.030
KEYHOLE_SLOT_HALF_WIDTH_BOTTOM = 0.058

# Outline stroke width in unit coordinates: 2 px on the 32 px icon.
OUTLINE_STROKE = 0.0625
EROSION_DIRECTIONS = 24


def inside_shield(x, y):
    """Return True if (x, y) lies in the shield: straight sides that curve in to a point."""
    if y < SHIELD_TOP or y > SHIELD_BOTTOM:
        return False

    if y <= SHIELD_SHOULDER:
        half_width = SHIELD_HALF_WIDTH
    else:
        # A cosine keeps the side smooth at the shoulder and ends in a point at the bottom.
        t = (y - SHIELD_SHOULDER) / (SHIELD_BOTTOM - SHIELD_SHOULDER)
        half_width = SHIELD_HALF_WIDTH * math.cos(t * math.pi / 2)

    return abs(x - SHIELD_CENTER_X) <= half_width


def inside_shield_interior(x, y, inset):
    """Return True if the disc of radius `inset` around (x, y) lies in the shield."""
    if not inside_shield(x, y):
        return False

    for i in range(EROSION_DIRECTIONS):
        angle = 2 * math.pi * i / EROSION_DIRECTIONS
        if not inside_shield(x + inset * math.cos(angle), y + inset * math.sin(angle)):
            return False

    return True


def inside_keyhole(x, y):
    """Return True if (x, y) lies in the keyhole: a circle above a slot that widens downwards."""
    dx = x - SHIELD_CENTER_X
    if dx * dx + (y - KEYHOLE_CENTER_Y) ** 2 <= KEYHOLE_RADIUS ** 2:
        return True

    if KEYHOLE_SLOT_TOP <= y <= KEYHOLE_SLOT_BOTTOM:
        t = (y - KEYHOLE_SLOT_TOP) / (KEYHOLE_SLOT_BOTTOM - KEYHOLE_SLOT_TOP)
        half_width = KEYHOLE_SLOT_HALF_WIDTH_TOP + t * (
            KEYHOLE_SLOT_HALF_WIDTH_BOTTOM - KEYHOLE_SLOT_HALF_WIDTH_TOP)
        return abs(dx) <= half_width

    return False


def color_glyph(x, y):
    """Return True where the color icon shows white: the shield minus its keyhole."""
    return inside_shield(x, y) and not inside_keyhole(x, y)


def outline_glyph(x, y):
    """Return True where the outline icon is white: the shield's rim and the keyhole."""
    if inside_keyhole(x, y):
        return True

    return inside_shield(x, y) and not inside_shield_interior(x, y, OUTLINE_STROKE)


def coverage(size, glyph, samples):
    """Return, row by row, the share of each pixel that `glyph` covers (0.0 to 1.0).

    Each pixel is sampled on a samples x samples grid, which smooths the edges.
    """
    rows = []
    for py in range(size):
        row = []
        for px in range(size):
            hits = 0
            for sy in range(samples):
                for sx in range(samples):
                    x = (px + (sx + 0.5) / samples) / size
                    y = (py + (sy + 0.5) / samples) / size
                    if glyph(x, y):
                        hits += 1
            row.append(hits / (samples * samples))
        rows.append(row)
    return rows


def blend(background, foreground, share):
    return tuple(round(b + (f - b) * share) for b, f in zip(background, foreground))


def draw_color_icon(size=192):
    """Return RGBA rows: an opaque accent background with a white shield."""
    rows = []
    for row in coverage(size, color_glyph, samples=4):
        rows.append([blend(ACCENT, WHITE, share) + (255,) for share in row])
    return rows


def draw_outline_icon(size=32):
    """Return RGBA rows in which every pixel is white and only alpha varies."""
    rows = []
    for row in coverage(size, outline_glyph, samples=8):
        rows.append([WHITE + (round(255 * share),) for share in row])
    return rows


def png_chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


def encode_png(rows):
    """Encode RGBA rows as an 8-bit, non-interlaced PNG with filter type 0 on every row."""
    height = len(rows)
    width = len(rows[0])
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)

    raw = bytearray()
    for row in rows:
        raw.append(0)
        for pixel in row:
            raw.extend(pixel)

    return (b"\x89PNG\r\n\x1a\n"
            + png_chunk(b"IHDR", header)
            + png_chunk(b"IDAT", zlib.compress(bytes(raw), 9))
            + png_chunk(b"IEND", b""))


def main():
    manifest_dir = Path(__file__).resolve().parent.parent
    outputs = {
        "color.png": draw_color_icon(),
        "outline.png": draw_outline_icon(),
    }

    for name, rows in outputs.items():
        path = manifest_dir / name
        path.write_bytes(encode_png(rows))
        print(f"Wrote {path} ({len(rows[0])}x{len(rows)})")


if __name__ == "__main__":
    main()
