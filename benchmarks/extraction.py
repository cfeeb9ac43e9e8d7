"""Benchmark the extract stage against bare trafilatura, on public extraction test sets.

Why: extraction errors (lost paragraphs, kept boilerplate, wrong title or date)
propagate to every later stage, so the body text and metadata are measured on
pages nobody tuned the rules on, side by side with trafilatura's defaults.

    python benchmarks/extraction.py [--limit N]

Data (COUNTERPOINT_DATA, default <repo>/../shared/data):
  extraction/scrapinghub  ground-truth.json + html/*.html.gz   -> body token F1
  extraction/readability  */source.html, expected.html,
                          expected-metadata.json               -> metadata accuracy, body F1
  quotes/polnear/*/text/*.txt, stories/basil/articles/*/*.json
                                                               -> plain-text over-removal
Prints a table and writes benchmarks/results/extraction.json.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import lxml.html
import trafilatura
from trafilatura.settings import Document

from counterpoint import settings
from counterpoint.extract import ExtractionError, extract
from counterpoint.extract.dates import parse_date_value
from counterpoint.extract.outlet import file_stem
from counterpoint.extract.plaintext import parse_plain_text
from counterpoint.records import RawItem

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "extraction.json"
TOKEN = re.compile(r"\w+", re.UNICODE)
SITE_SUFFIX_MAX_TOKENS = 6
META_FIELDS = ("title", "byline", "publishedTime", "lang", "siteName")


def data_root() -> Path:
    return settings.data_dir()


def tokens(text: str) -> list[str]:
    return TOKEN.findall(unicodedata.normalize("NFKC", text).casefold())


def token_prf(predicted: str, expected: str) -> tuple[float, float, float]:
    """Bag-of-tokens precision, recall, F1 (the article-extraction-benchmark measure)."""
    pred, gold = Counter(tokens(predicted)), Counter(tokens(expected))
    if not pred and not gold:
        return 1.0, 1.0, 1.0
    common = sum((pred & gold).values())
    precision = common / sum(pred.values()) if pred else 0.0
    recall = common / sum(gold.values()) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


# ---------------------------------------------------------------- systems


def counterpoint_body(origin: str, html: bytes, url: str | None) -> dict[str, Any]:
    try:
        article = extract(RawItem(origin=origin, data=html, media_type="html", url=url))
    except ExtractionError:
        return {"text": ""}
    return {
        "text": article.text,
        "title": article.title,
        "byline": article.authors,
        "publishedTime": article.published,
        "lang": article.language,
        "siteName": article.outlet if article.outlet != file_stem(origin) else None,
    }


def trafilatura_body(origin: str, html: bytes, url: str | None) -> dict[str, Any]:
    text = trafilatura.extract(html, url=url) or ""
    return {"text": text}


def trafilatura_meta(origin: str, html: bytes, url: str | None) -> dict[str, Any]:
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True)
    if not isinstance(doc, Document):
        return {"text": ""}
    return {
        "text": doc.text or "",
        "title": doc.title,
        "byline": [a.strip() for a in (doc.author or "").split(";") if a.strip()],
        "publishedTime": parse_date_value(doc.date) if doc.date else None,
        "lang": doc.language,
        "siteName": doc.sitename,
    }


# ---------------------------------------------------------------- metadata scoring


def _norm(value: str) -> str:
    return " ".join(tokens(value))


def meta_correct(field: str, predicted: Any, expected: Any) -> bool:
    """One metadata field right or wrong, compared the lenient way a reader would."""
    if predicted in (None, "", []):
        return False
    if field == "publishedTime":
        gold = parse_date_value(str(expected))
        return isinstance(predicted, date) and gold == predicted
    if field == "lang":
        return str(predicted).lower().split("-")[0] == str(expected).lower().split("-")[0]
    if field == "byline":
        # most predicted name tokens must occur in the expected byline, which often
        # carries dates or roles glued on ("by Lucas Nolan22 Dec 2016")
        names = predicted if isinstance(predicted, list) else [predicted]
        gold_text = _norm(str(expected))
        got_names = tokens(" ".join(names))
        found = sum(1 for token in got_names if token in gold_text)
        return bool(got_names) and found / len(got_names) >= 0.5
    got, gold_text = _norm(str(predicted)), _norm(str(expected))
    if field == "title" and got and gold_text.startswith(got):
        # the expected title may keep the page's " | Site Name" suffix; a title
        # without it is still the right title (scored the same way for both systems)
        return len(gold_text[len(got) :].split()) <= SITE_SUFFIX_MAX_TOKENS
    return got == gold_text


# ---------------------------------------------------------------- runs


def run_scrapinghub(
    folder: Path, limit: int | None, systems: dict[str, Callable[..., dict[str, Any]]]
) -> dict[str, Any]:
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    keys = sorted(truth)[:limit]
    pages = [(k, gzip.decompress((folder / "html" / f"{k}.html.gz").read_bytes())) for k in keys]
    out: dict[str, Any] = {"pages": len(pages)}
    for name, system in systems.items():
        scores = []
        start, cpu_start = time.perf_counter(), time.process_time()
        for key, html in pages:
            result = system(key, html, truth[key].get("url"))
            scores.append(token_prf(result["text"], truth[key]["articleBody"]))
        elapsed = time.perf_counter() - start
        cpu = time.process_time() - cpu_start
        out[name] = {
            "precision": sum(s[0] for s in scores) / len(scores),
            "recall": sum(s[1] for s in scores) / len(scores),
            "f1": sum(s[2] for s in scores) / len(scores),
            "articles_per_s": len(pages) / elapsed,  # wall clock, on a shared machine
            "articles_per_cpu_s": len(pages) / cpu,  # what one free core would do
        }
    return out


def run_readability(
    folder: Path, limit: int | None, systems: dict[str, Callable[..., dict[str, Any]]]
) -> dict[str, Any]:
    cases = sorted(p for p in folder.iterdir() if (p / "source.html").exists())[:limit]
    out: dict[str, Any] = {"pages": len(cases)}
    for name, system in systems.items():
        hits: Counter[str] = Counter()
        totals: Counter[str] = Counter()
        f1s = []
        for case in cases:
            html = (case / "source.html").read_bytes()
            meta = json.loads((case / "expected-metadata.json").read_text(encoding="utf-8"))
            result = system(str(case / "source.html"), html, None)
            expected_text = lxml.html.fromstring((case / "expected.html").read_bytes())
            f1s.append(token_prf(result["text"], expected_text.text_content())[2])
            for field in META_FIELDS:
                if meta.get(field):
                    totals[field] += 1
                    hits[field] += meta_correct(field, result.get(field), meta[field])
        out[name] = {
            "body_f1": sum(f1s) / len(f1s),
            **{f"{field}_acc": hits[field] / max(1, totals[field]) for field in META_FIELDS},
            "fields_n": dict(totals),
        }
    return out


def run_plain_text(root: Path) -> dict[str, Any]:
    """Clean article texts (PolNeAR files, BASIL bodies) read as pasted plain text: how
    much article text the boilerplate rules take away, and which lines. Both sets hold
    clean text, so every removed line is either real clutter (agency credits, teasers)
    or a wrong removal; the removed lines are listed in the JSON for inspection."""
    cases: list[tuple[str, str, str]] = []  # name, input text, expected body
    for path in sorted(root.glob("quotes/polnear/*/text/*.txt")):
        text = path.read_text(encoding="utf-8")
        cases.append((f"polnear/{path.name}", text, text.partition("\n")[2]))
    for path in sorted(root.glob("stories/basil/articles/*/*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        body = "\n\n".join(" ".join(p) for p in doc["body-paragraphs"])
        cases.append((f"basil/{path.name}", f"{doc['title']}\n\n{body}", body))
    out: dict[str, Any] = {"articles": len(cases)}
    if not cases:
        return out
    recalls, removed_lines = [], []
    for name, text, body in cases:
        doc = parse_plain_text(text)
        recalls.append(token_prf("\n\n".join(doc.paragraphs), body)[1])
        removed_lines += [(name, line) for line in doc.removed]
    out["token_recall"] = sum(recalls) / len(recalls)
    out["articles_losing_text"] = sum(1 for r in recalls if r < 1.0)
    out["removed_lines"] = len(removed_lines)
    out["removed"] = [f"{name}: {line[:160]}" for name, line in removed_lines]
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="pages per set (dev subsets)")
    args = parser.parse_args()
    root = data_root() / "extraction"
    if not root.exists():
        print(f"skipped: extraction data not found at {root} (set COUNTERPOINT_DATA)")
        return 0
    results: dict[str, Any] = {"date": date.today().isoformat(), "limit": args.limit}
    results["scrapinghub"] = run_scrapinghub(
        root / "scrapinghub",
        args.limit,
        {"counterpoint": counterpoint_body, "trafilatura": trafilatura_body},
    )
    results["readability"] = run_readability(
        root / "readability",
        args.limit,
        {"counterpoint": counterpoint_body, "trafilatura": trafilatura_meta},
    )
    results["plain_text"] = run_plain_text(data_root())
    print_table(results)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(ROOT)}")
    return 0


def print_table(results: dict[str, Any]) -> None:
    sh, rd = results["scrapinghub"], results["readability"]
    print(f"\nscrapinghub body text ({sh['pages']} pages)")
    print(f"{'system':<14}{'P':>7}{'R':>7}{'F1':>7}{'art/s':>8}{'art/cpu-s':>11}")
    for name in ("counterpoint", "trafilatura"):
        r = sh[name]
        print(
            f"{name:<14}{r['precision']:7.3f}{r['recall']:7.3f}{r['f1']:7.3f}"
            f"{r['articles_per_s']:8.1f}{r['articles_per_cpu_s']:11.1f}"
        )
    print(f"\nreadability metadata accuracy + body F1 ({rd['pages']} pages; n per field)")
    n = rd["counterpoint"]["fields_n"]
    header = "".join(f"{f[:9]}({n.get(f, 0)})".rjust(16) for f in META_FIELDS)
    print(f"{'system':<14}{'body F1':>8}{header}")
    for name in ("counterpoint", "trafilatura"):
        r = rd[name]
        cells = "".join(f"{r[f + '_acc']:16.3f}" for f in META_FIELDS)
        print(f"{name:<14}{r['body_f1']:8.3f}{cells}")
    pt = results.get("plain_text", {})
    if pt.get("articles"):
        print(f"\nplain text, clean articles (PolNeAR + BASIL, {pt['articles']} articles)")
        print(
            f"counterpoint  token recall {pt['token_recall']:.4f}; "
            f"{pt['articles_losing_text']} articles lose text; "
            f"{pt['removed_lines']} lines removed (listed in the JSON)"
        )


if __name__ == "__main__":
    sys.exit(main())
