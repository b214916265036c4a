"""Execute notebooks top to bottom against a run directory and write what they produced.

    python notebooks/report.py --executed DIR [--html OUT.html] [--figures DIR] [--with-code] NB.ipynb ...

The notebooks read MARGINCALL_RUN_DIR (and MARGINCALL_RUN_ID, ...) from the environment, as
jobs/report.sh sets them. Each runs in a fresh kernel with notebooks/ as working directory; any
cell error stops everything with a non-zero exit (nbclient's CellExecutionError). Then:
  --executed DIR  the executed copies (outputs included), e.g. for notebooks/check_figures.py;
  --html OUT      one self-contained HTML report: all notebooks, images embedded, no scripts;
  --figures DIR   every figure of a cell tagged `figure:<name>`, as DIR/<notebook>-<name>.png
                  (how notebooks/figures/ is regenerated).
"""
from __future__ import annotations

import argparse
import base64
import datetime
import os
import re
import sys

import jinja2
import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from nbconvert import HTMLExporter

HERE = os.path.dirname(os.path.abspath(__file__))
ANSI = re.compile(r"\x1b\[[0-9;]*m")

# The lab template without its <script src=...> tags (require.js, MathJax, Mermaid from a CDN):
# the report must open offline and carry nothing but HTML, CSS and embedded PNGs.
SELF_CONTAINED = """{%- extends 'index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
"""


def figure_name(cell) -> str | None:
    for tag in cell.get("metadata", {}).get("tags", []):
        if tag.startswith("figure:"):
            return tag[len("figure:"):]
    return None


def pngs(cell) -> list[bytes]:
    return [base64.b64decode(out["data"]["image/png"]) for out in cell.get("outputs", [])
            if "image/png" in out.get("data", {})]


def execute(nb) -> None:
    """Runs every cell in a fresh kernel, in place; raises CellExecutionError on the first error."""
    NotebookClient(nb, timeout=900, kernel_name="python3",
                   resources={"metadata": {"path": HERE}}).execute()


def write_figures(name: str, nb, out_dir: str) -> list[str]:
    written = []
    for cell in nb.cells:
        fig = figure_name(cell)
        for i, png in enumerate(pngs(cell) if fig else []):
            path = os.path.join(out_dir, f"{name[:2]}-{fig}{'' if i == 0 else f'-{i + 1}'}.png")
            with open(path, "wb") as f:
                f.write(png)
            written.append(path)
    return written


def html_report(executed: list[tuple[str, nbformat.NotebookNode]], with_code: bool) -> str:
    run_dir = os.environ.get("MARGINCALL_RUN_DIR", "(default)")
    run_id = os.environ.get("MARGINCALL_RUN_ID") or "the newest complete run of each notebook's kind"
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    merged = nbformat.v4.new_notebook()
    merged.metadata = executed[0][1].metadata
    merged.metadata["title"] = f"margincall report {now}"
    merged.cells.append(nbformat.v4.new_markdown_cell(
        f"# margincall report\n\nGenerated {now} from `{run_dir}` ({run_id}) by `jobs/report.sh`: "
        f"{', '.join(n for n, _ in executed)}. Each section names the run it read."))
    for name, nb in executed:
        merged.cells.append(nbformat.v4.new_markdown_cell(f"---\n*notebook `{name}.ipynb`*"))
        merged.cells.extend(nb.cells)
    for i, cell in enumerate(merged.cells):   # ids must be unique in one notebook
        cell["id"] = f"c{i}"
    exporter = HTMLExporter(template_name="lab", exclude_input=not with_code, embed_images=True,
                            extra_loaders=[jinja2.DictLoader({"report.html.j2": SELF_CONTAINED})],
                            template_file="report.html.j2")
    body, _ = exporter.from_notebook_node(merged)
    return body


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("notebooks", nargs="+")
    ap.add_argument("--executed", required=True, help="directory for the executed notebooks")
    ap.add_argument("--html", help="write one self-contained HTML report here")
    ap.add_argument("--figures", help="write the tagged figures here as PNG")
    ap.add_argument("--with-code", action="store_true", help="show the code cells in the report")
    args = ap.parse_args(argv)
    os.makedirs(args.executed, exist_ok=True)
    executed = []
    for path in args.notebooks:
        name = os.path.splitext(os.path.basename(path))[0]
        print(f"report: executing {name} ...", flush=True)
        nb = nbformat.read(path, as_version=4)
        try:
            execute(nb)
        except CellExecutionError as e:
            nbformat.write(nb, os.path.join(args.executed, f"{name}.ipynb"))
            print(f"report: {name} failed: {e.ename}: {e.evalue}\n"
                  f"report: the cell and its traceback:\n"
                  f"{ANSI.sub('', str(e))}", file=sys.stderr)
            return 1
        nbformat.write(nb, os.path.join(args.executed, f"{name}.ipynb"))
        executed.append((name, nb))
    if args.figures:
        os.makedirs(args.figures, exist_ok=True)
        for name, nb in executed:
            for path in write_figures(name, nb, args.figures):
                print(f"report: figure {path}")
    if args.html:
        os.makedirs(os.path.dirname(os.path.abspath(args.html)), exist_ok=True)
        with open(args.html, "w", encoding="utf-8") as f:
            f.write(html_report(executed, args.with_code))
        print(f"report: wrote {args.html}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
