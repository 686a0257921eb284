"""Quiz weight: our quiz JavaScript and CSS, raw and gzipped, against the 4 KB budget.

Usage:
    python -m bench.quiz_weight

Prints the bytes of each file and the total, and exits 1 if the gzipped total is
over the budget. Gzip level 9, as a web server or GitHub Pages would send them.
For comparison: the leading peer plugin (mkdocs-quiz) inlines about 14 KB
gzipped into every page (figure from issue 2; measured side by side in issue 5).
"""

from __future__ import annotations

import gzip
import sys

from macros.pages import ROOT

FILES = ["docs/javascripts/quiz.js", "docs/stylesheets/quiz.css"]
BUDGET = 4 * 1024


def main() -> int:
    total_raw = total_gz = 0
    print(f"{'file':<28} {'raw':>7} {'gzip':>7}")
    for name in FILES:
        data = (ROOT / name).read_bytes()
        packed = len(gzip.compress(data, compresslevel=9, mtime=0))
        total_raw += len(data)
        total_gz += packed
        print(f"{name:<28} {len(data):>7,} {packed:>7,}")
    both = b"".join((ROOT / name).read_bytes() for name in FILES)
    together = len(gzip.compress(both, compresslevel=9, mtime=0))
    print(f"{'total (two files)':<28} {total_raw:>7,} {total_gz:>7,}")
    print(f"{'as one stream':<28} {len(both):>7,} {together:>7,}")
    verdict = "within" if total_gz <= BUDGET else "OVER"
    print(f"budget {BUDGET:,} bytes gzipped: {verdict} ({total_gz / BUDGET:.0%} used)")
    return 0 if total_gz <= BUDGET else 1


if __name__ == "__main__":
    sys.exit(main())
