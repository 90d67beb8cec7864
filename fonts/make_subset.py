#!/usr/bin/env python3
"""Remake the fonts bundled with guidance-ledger, each limited to the same characters.

- fonts/NotoSansSC-GB2312.ttf: the UI font, and 黑体 in printed papers;
- fonts/NotoSerifSC-Regular-GB2312.ttf: 仿宋 and 楷体 in printed papers;
- fonts/NotoSerifSC-Bold-GB2312.ttf: 小标宋 (titles) in printed papers.

Recipe (needs network access to the npm registry and `pip install fonttools`):

    npm pack @expo-google-fonts/noto-sans-sc@0.4.3
    tar xzf expo-google-fonts-noto-sans-sc-0.4.3.tgz
    python3 fonts/make_subset.py package/400Regular/NotoSansSC_400Regular.ttf fonts/NotoSansSC-GB2312.ttf

    npm pack @expo-google-fonts/noto-serif-sc@0.4.3
    tar xzf expo-google-fonts-noto-serif-sc-0.4.3.tgz
    python3 fonts/make_subset.py package/400Regular/NotoSerifSC_400Regular.ttf fonts/NotoSerifSC-Regular-GB2312.ttf
    python3 fonts/make_subset.py package/700Bold/NotoSerifSC_700Bold.ttf fonts/NotoSerifSC-Bold-GB2312.ttf

The test fixture tests/fixtures/fonts/NotoSerifSC-rare.ttf (two characters the bundled
fonts lack, 䶮 and 𠂇, standing in for a PC font such as SimSun-ExtB) is made by

    pyftsubset package/400Regular/NotoSerifSC_400Regular.ttf --unicodes=U+4DAE,U+20087 \
        --output-file=tests/fixtures/fonts/NotoSerifSC-rare.ttf --no-hinting \
        --name-IDs='*' --layout-features=''

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
