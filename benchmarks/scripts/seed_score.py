#!/usr/bin/env python3
"""Re-scores saved turns with the Python seed's compute_quality_metrics, as `longhaul score` does:
reads JSON Lines {"turn","phase","prompt","response"}, writes one metrics object a line.

    python3 benchmarks/scripts/seed_score.py /path/to/run_long_session.py turns.jsonl scores.jsonl
"""
import importlib.util
import json
import sys

spec = importlib.util.spec_from_file_location("seed", sys.argv[1])
seed = importlib.util.module_from_spec(spec)
spec.loader.exec_module(seed)

with open(sys.argv[2], encoding="utf-8") as turns, open(sys.argv[3], "w", encoding="utf-8") as out:
    for number, line in enumerate(turns, 1):
        if not line.strip():
            continue
        t = json.loads(line)
        m = seed.compute_quality_metrics(t["response"], t["prompt"], t.get("turn", number), t.get("phase", ""))
        out.write(json.dumps(m) + "\n")
