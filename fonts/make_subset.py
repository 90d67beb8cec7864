#!/usr/bin/env python3
"""Remake fonts/NotoSansSC-GB2312.ttf, the UI font bundled with guidance-ledger.

Recipe (needs network access to the npm registry and `pip install fonttools`):

    npm pack @expo-google-fonts/noto-sans-sc@0.4.3
    tar xzf expo-google-fonts-noto-sans-sc-0.4.3.tgz
    python3 fonts/make_subset.py package/400Regular/NotoSansSC_400Regular.ttf fonts/NotoSansSC-GB2312.ttf

The subset keeps every character of GB 2312 (the 6,763 hanzi and its symbols),
ASCII, Latin-1, general and CJK punctuation and full-width forms. Rarer name
characters (such as 𠮷 or 䶮) come from the system fonts at run time.
"""
import subprocess
import sys


def gb2312_characters():
    chars = set()
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                chars.add(bytes([high, low]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return chars


def main():
    source, target = sys.argv[1], sys.argv[2]
    chars = gb2312_characters()
    ranges = [
        (0x20, 0x7E),      # ASCII
        (0xA0, 0xFF),      # Latin-1
        (0x2000, 0x206F),  # general punctuation (— … ‘ ’ “ ”)
        (0x2190, 0x21FF),  # arrows
        (0x2460, 0x24FF),  # circled numbers
        (0x25A0, 0x25FF),  # geometric shapes
        (0x3000, 0x303F),  # CJK punctuation, 〔〕
        (0xFF00, 0xFFEF),  # full-width forms
    ]
    for lo, hi in ranges:
        chars.update(chr(c) for c in range(lo, hi + 1))
    unicodes = ",".join(f"U+{ord(c):04X}" for c in sorted(chars))
    subprocess.run(
        [
            "pyftsubset", source,
            f"--unicodes={unicodes}",
            f"--output-file={target}",
            "--layout-features=*",
            "--no-hinting",
            "--desubroutinize",
            "--name-IDs=*",
            "--name-languages=*",
        ],
        check=True,
    )


if __name__ == "__main__":
    main()
