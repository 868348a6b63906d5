#!/usr/bin/env python3
"""Aggregate the TRX files of a test run and print the plain closing line CI reads.

Usage: summarize-trx.py RESULTS_DIR
Prints per-project counts, the failed test names, and last: "N passed, N failed, N skipped".
Exits 1 when a test failed or when no test ran at all.
"""
import glob
import os
import sys
import xml.etree.ElementTree as ET

NS = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}


def main() -> int:
    results_dir = sys.argv[1] if len(sys.argv) > 1 else "artifacts/test-results"
    files = sorted(glob.glob(os.path.join(results_dir, "**", "*.trx"), recursive=True))
    passed = failed = skipped = 0
    failures = []
    for path in files:
        root = ET.parse(path).getroot()
        p = f = s = 0
        for result in root.iterfind(".//t:Results/t:UnitTestResult", NS):
            outcome = result.get("outcome", "")
            if outcome == "Passed":
                p += 1
            elif outcome in ("NotExecuted", "Inconclusive", "Skipped"):
                s += 1
            else:
                f += 1
                failures.append(result.get("testName", "?"))
        print(f"  {os.path.basename(path)}: {p} passed, {f} failed, {s} skipped")
        passed, failed, skipped = passed + p, failed + f, skipped + s
    for name in failures:
        print(f"  FAILED: {name}")
    if not files:
        print("no test results were found (did the test run start?)")
        failed += 1
    print(f"{passed} passed, {failed} failed, {skipped} skipped")
    return 1 if failed or passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
