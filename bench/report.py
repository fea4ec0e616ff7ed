#!/usr/bin/env python3
"""Turns the benchmark's raw measurements into docs/benchmarks.md and docs/benchmarks.json.

    bench/report.py --raw RAW.tsv [--baselines B.jsonl] --runs N --binary SPECMESH --out DIR
                    [--elapsed S] [--scale TEXT]

RAW.tsv rows (bench/lib.sh): case, size, run, wall_s, rss_kib, cpu_s, exit code. Each figure is
the median of its runs with the min-max spread. Issue 7's targets are checked against the
medians; a target whose case was not measured is reported as such, never as met.
"""

import argparse
import json
import os
import platform
import statistics
import subprocess
from datetime import datetime, timezone

FLOOR = "floor: bench_admin create (topics + ACLs)"
PROVISION = "specmesh provision --sr-disabled --no-wait (topics + ACLs)"
SUBJECTS = "specmesh provision, subjects only (topics + ACLs in place)"
PLAN = "plan, nothing to change (with registry)"


def summary(values):
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def load_cases(raw_path):
    rows = {}
    with open(raw_path, encoding="utf-8") as raw:
        for line in raw:
            case, size, _run, wall, rss, cpu, _status = line.rstrip("\n").split("\t")
            rows.setdefault((case, int(size)), []).append((float(wall), int(rss), float(cpu)))
    cases = []
    for (case, size), samples in rows.items():
        cases.append({
            "case": case,
            "size": size,
            "runs": len(samples),
            "wall_s": summary([wall for wall, _, _ in samples]),
            "cpu_s": summary([cpu for _, _, cpu in samples]),
            "peak_rss_mb": summary([rss * 1024 / 1e6 for _, rss, _ in samples]),
            "samples": [{"wall_s": w, "peak_rss_kib": r, "cpu_s": c} for w, r, c in samples],
        })
    return cases


def find(cases, name, size=None):
    for case in cases:
        if case["case"] == name and (size is None or case["size"] == size):
            return case
    return None


def check_targets(cases, topics):
    """(target, measured text, met: True/False/None) for each of issue 7's targets."""
    results = []

    def wall(case):
        return case["wall_s"]["median"] if case else None

    def add(target, measured, limit, text):
        if measured is None:
            results.append((target, "not measured", None))
        else:
            results.append((target, text(measured), measured <= limit))

    plan = find(cases, PLAN, topics)
    add("plan, nothing to change: ≤ 2 s", wall(plan), 2.0, lambda v: f"{v:.2f} s")
    add("plan, nothing to change: peak memory ≤ 150 MB",
        plan["peak_rss_mb"]["median"] if plan else None, 150.0, lambda v: f"{v:.0f} MB")
    floor, ours = find(cases, FLOOR, topics), find(cases, PROVISION, topics)
    ratio = wall(ours) / wall(floor) if floor and ours else None
    add("provision from empty, topics + ACLs: ≤ 1.3 × the floor", ratio, 1.3,
        lambda v: f"{v:.2f} × ({wall(ours):.2f} s vs {wall(floor):.2f} s)")
    subjects = find(cases, SUBJECTS, topics)
    add(f"provision, {topics} subjects: ≤ 10 s", wall(subjects), 10.0, lambda v: f"{v:.2f} s")
    add("validate a 10k-channel spec: ≤ 0.5 s", wall(find(cases, "validate", 10000)), 0.5,
        lambda v: f"{v:.3f} s")
    add("specmesh --version: ≤ 20 ms", wall(find(cases, "specmesh --version")), 0.020,
        lambda v: f"{v * 1000:.1f} ms")
    return results


def markdown(meta, cases, targets, baselines):
    lines = [
        "# specmesh benchmarks",
        "",
        "Written by `bench/run.sh` (issue 7); do not edit by hand.",
        "",
        f"{meta['date']}; {meta['binary']} (Release, {meta['commit']}); {meta['host']}; "
        f"scale: {meta['scale']}; whole harness {meta['elapsed_s']} s; "
        f"1-min load average {meta['load_1min_at_end']:.2f} at the end.",
        f"Each figure: median of {meta['runs']} runs (min–max). {meta['method']}.",
        "",
        "## Targets",
        "",
        "| target | measured (median) | met |",
        "| --- | --- | --- |",
    ]
    for target, measured, met in targets:
        verdict = {True: "yes", False: "**no**", None: "not measured"}[met]
        lines.append(f"| {target} | {measured} | {verdict} |")
    lines += [
        "",
        "## Measurements",
        "",
        "| case | size | runs | wall s, median | wall s, min–max | CPU s, median "
        "| peak RSS MB, median |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for case in cases:
        w, c, r = case["wall_s"], case["cpu_s"], case["peak_rss_mb"]
        lines.append(
            f"| {case['case']} | {case['size'] or '–'} | {case['runs']} | {w['median']:.3f} | "
            f"{w['min']:.3f}–{w['max']:.3f} | {c['median']:.2f} | {r['median']:.1f} |")
    if baselines:
        lines += ["", "## Baselines (same broker, same scenario, one run each)", "",
                  "| tool | result |", "| --- | --- |"]
        for baseline in baselines:
            details = ", ".join(f"{k}: {v}" for k, v in baseline.items() if k != "tool")
            lines.append(f"| {baseline.get('tool', '?')} | {details} |")
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw", required=True)
    parser.add_argument("--baselines")
    parser.add_argument("--runs", type=int, required=True)
    parser.add_argument("--binary", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--elapsed", type=int, default=0)
    parser.add_argument("--scale", default="")
    parser.add_argument("--topics", type=int)
    args = parser.parse_args()

    cases = load_cases(args.raw)
    baselines = []
    if args.baselines and os.path.exists(args.baselines):
        with open(args.baselines, encoding="utf-8") as source:
            baselines = [json.loads(line) for line in source if line.strip()]
    topics = args.topics or next(
        (case["size"] for case in cases if case["case"] == FLOOR), 1000)
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    commit = subprocess.run(["git", "-C", root, "describe", "--always", "--dirty"],
                            capture_output=True, text=True).stdout.strip() or "unknown"
    meta = {
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "binary": subprocess.run([args.binary, "--version"], capture_output=True,
                                 text=True).stdout.strip(),
        "commit": commit,
        "host": f"{platform.machine()}, {os.cpu_count()} cores, {platform.platform()}",
        "runs": args.runs,
        "scale": args.scale,
        "elapsed_s": args.elapsed,
        "method": "wall time around the process (ns clock, includes /usr/bin/time's fork+exec); "
                  "peak RSS and user+sys CPU (10 ms resolution) from /usr/bin/time; "
                  "commands that change nothing get one discarded warm-up run",
        "load_1min_at_end": os.getloadavg()[0],
    }
    targets = check_targets(cases, topics)
    document = {
        "meta": meta,
        "targets": [{"target": t, "measured": m, "met": met} for t, m, met in targets],
        "cases": cases,
        "baselines": baselines,
    }
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "benchmarks.json"), "w", encoding="utf-8") as out:
        json.dump(document, out, indent=2)
        out.write("\n")
    text = markdown(meta, cases, targets, baselines)
    with open(os.path.join(args.out, "benchmarks.md"), "w", encoding="utf-8") as out:
        out.write(text)
    print(text, end="")


if __name__ == "__main__":
    main()
