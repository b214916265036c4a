"""CI check: every executed notebook drew the figures it promises.

    python notebooks/check_figures.py EXECUTED.ipynb ...
    python notebooks/check_figures.py --cleared notebooks/NN-*.ipynb   # committed: no outputs

A cell tagged `figure:<name>` must have produced exactly one PNG output that is a real image
(PNG signature, at least 400 x 150 pixels and 5 kB: a blank or empty output is smaller);
each notebook must have at least one such cell, and no cell may hold an error output.
Prints one line per notebook and exits 1 on any failure.
"""
import base64
import struct
import sys

import nbformat

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def problems(path):
    nb = nbformat.read(path, as_version=4)
    found, bad = [], []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        outputs = cell.get("outputs", [])
        if any(o.get("output_type") == "error" for o in outputs):
            bad.append(f"cell {i}: error output")
        tags = [t for t in cell.get("metadata", {}).get("tags", []) if t.startswith("figure:")]
        if not tags:
            continue
        name = tags[0][len("figure:"):]
        pngs = [base64.b64decode(o["data"]["image/png"]) for o in outputs
                if "image/png" in o.get("data", {})]
        if len(pngs) != 1:
            bad.append(f"figure {name}: {len(pngs)} PNG outputs, expected 1")
            continue
        png = pngs[0]
        if not png.startswith(PNG_SIGNATURE):
            bad.append(f"figure {name}: not a PNG")
            continue
        width, height = struct.unpack(">II", png[16:24])
        if width < 400 or height < 150 or len(png) < 5_000:
            bad.append(f"figure {name}: {width} x {height} px, {len(png):,} bytes: too small to be a figure")
            continue
        found.append(f"{name} ({width}x{height})")
    if not found and not bad:
        bad.append("no cell tagged figure:<name>")
    return found, bad


def cleared(path):
    """A committed notebook carries no outputs or execution counts (CI executes it; the figures
    a reader sees without running anything are notebooks/figures/*.png)."""
    nb = nbformat.read(path, as_version=4)
    dirty = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"
             and (c.get("outputs") or c.get("execution_count") is not None)]
    print(f"check_figures: {'ok' if not dirty else 'FAILED'} {path}: "
          + ("outputs cleared" if not dirty else f"cells {dirty} hold outputs; clear them before committing"))
    return not dirty


def main(paths):
    if paths and paths[0] == "--cleared":
        return 0 if all([cleared(p) for p in paths[1:]]) and len(paths) > 1 else 1
    failed = 0
    for path in paths:
        found, bad = problems(path)
        status = "ok" if not bad else "FAILED"
        print(f"check_figures: {status} {path}: {len(found)} figure(s): {', '.join(found)}")
        for b in bad:
            print(f"check_figures:   {b}")
        failed += bool(bad)
    return 1 if failed or not paths else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
