#!/usr/bin/python3
"""Independent reference for `runlens compare --json` (CompareCommandTests): standard library only, no numpy.

Usage: compare_reference.py FOLDER GROUP_KEY LAST_STEPS REPS SEED [GAMMA]

Reads every run folder under FOLDER that holds metrics.jsonl and config.json (JSON-lines runs: the MLflow mirror
in mlruns/ is not read), and prints one JSON object:
  runs:   {name: {group, seed, score, points}}, the score being the mean of metrics.episode_return_mean over the
          steps > last - LAST_STEPS (last = the last step with a finite value), as RunLens's FinalScores.
  groups: [{group, n, mean, meanLower, meanUpper, median, iqm, iqmLower, iqmUpper, std, optimalityGap, gapLower,
          gapUpper}] in order of the group value, labelled "GROUP_KEY=<value>".
  improvement: [{x, y, probability, lower, upper}] for every ordered pair.
Point estimates and the Student-t interval are exact (t quantiles from the table below); the IQM, optimality gap
and probability-of-improvement intervals are a naive percentile bootstrap with Python's random module (Mersenne
Twister), so they agree with RunLens's (xoshiro256**) only within sampling error.
"""
import json
import math
import os
import random
import sys
from bisect import bisect_left, bisect_right

METRIC = "episode_return_mean"

# Student-t 0.975 quantiles by degrees of freedom (two-sided 95%), computed once for this script by Simpson
# integration of the t density (60,000 panels, math.fsum; 20,000 panels agree to 1e-13) and bisection, and checked
# against the printed 4-decimal table (12.7062, 4.3027, 3.1824, 2.7764, 2.5706, ..., 2.3060 at 8, 2.0860 at 20,
# 2.0423 at 30). Independent of RunLens's StudentT (incomplete beta by continued fraction).
T975 = {
    1: 12.706204736174762,
    2: 4.302652729749468,
    3: 3.182446305283706,
    4: 2.776445105197783,
    5: 2.570581835636329,
    6: 2.446911851144969,
    7: 2.364624251592776,
    8: 2.306004135204162,
    9: 2.262157162798220,
    10: 2.228138851986262,
    11: 2.200985160091635,
    12: 2.178812829667261,
    13: 2.160368656462754,
    14: 2.144786687917807,
    15: 2.131449545559776,
    16: 2.119905299221246,
    17: 2.109815577833337,
    18: 2.100922040241026,
    19: 2.093024054408332,
    20: 2.085963447265844,
    21: 2.079613844727688,
    22: 2.073873067904005,
    23: 2.068657610419053,
    24: 2.063898561628006,
    25: 2.059538552753336,
    26: 2.055529438642866,
    27: 2.051830516480297,
    28: 2.048407141795185,
    29: 2.045229642132729,
    30: 2.042272456301287,
}


def finite(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def read_run(folder, last_steps):
    """The run's final score: the mean of the finite values at steps > last - last_steps."""
    points = []
    with open(os.path.join(folder, "metrics.jsonl"), encoding="utf-8") as lines:
        for line in lines:
            line = line.strip()
            if not line:
                continue
            record = json.loads(line)
            value = record.get("metrics", {}).get(METRIC)
            if finite(value):
                points.append((record["step"], float(value)))
    points.sort(key=lambda p: p[0])
    last = points[-1][0]
    window = [v for s, v in points if s > last - last_steps]
    return math.fsum(window) / len(window), len(window)


def number_text(value):
    """A config value as RunLens labels it: shortest round-trip text, integers without a decimal point."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return repr(value)


def median(values):
    s = sorted(values)
    n = len(s)
    return s[n // 2] if n % 2 == 1 else (s[n // 2 - 1] + s[n // 2]) / 2


def iqm(values):
    # scipy.stats.trim_mean(values, 0.25): cut int(0.25 * n) from each end.
    s = sorted(values)
    cut = int(0.25 * len(s))
    kept = s[cut:len(s) - cut]
    return math.fsum(kept) / len(kept)


def gap(values, gamma):
    return gamma - math.fsum(min(v, gamma) for v in values) / len(values)


def improvement(x, y):
    """Mann-Whitney: P(X > Y) over all pairs, ties half."""
    ys = sorted(y)
    wins = 0.0
    for v in x:
        below = bisect_left(ys, v)
        ties = bisect_right(ys, v) - below
        wins += below + 0.5 * ties
    return wins / (len(x) * len(y))


def percentile(values, q):
    """numpy.percentile's default (linear) method, q in [0, 100]."""
    s = sorted(values)
    position = (len(s) - 1) * q / 100
    lo = math.floor(position)
    hi = min(lo + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (position - lo)


def interval(replicates):
    return percentile(replicates, 2.5), percentile(replicates, 97.5)


def main():
    folder, key, last_steps, reps, seed = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    gamma = float(sys.argv[6]) if len(sys.argv) > 6 else None
    runs = {}
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d != "mlruns")
        if "metrics.jsonl" in files and "config.json" in files:
            with open(os.path.join(root, "config.json"), encoding="utf-8") as f:
                config = json.load(f)
            score, points = read_run(root, last_steps)
            name = os.path.relpath(root, folder).replace(os.sep, "/")
            runs[name] = {"value": config[key], "group": key + "=" + number_text(config[key]),
                          "seed": config.get("seed"), "score": score, "points": points}
    labels = sorted({(r["value"], r["group"]) for r in runs.values()})
    generator = random.Random(seed)
    groups = []
    scores = {}
    for _, label in labels:
        values = [r["score"] for name, r in sorted(runs.items()) if r["group"] == label]
        scores[label] = values
        n = len(values)
        mean = math.fsum(values) / n
        entry = {"group": label, "n": n, "mean": mean, "median": median(values), "iqm": iqm(values),
                 "meanLower": None, "meanUpper": None, "iqmLower": None, "iqmUpper": None, "std": None,
                 "optimalityGap": gap(values, gamma) if gamma is not None else None, "gapLower": None, "gapUpper": None}
        if n > 1:
            std = math.sqrt(math.fsum((v - mean) ** 2 for v in values) / (n - 1))
            half = T975[n - 1] * std / math.sqrt(n)
            entry.update(std=std, meanLower=mean - half, meanUpper=mean + half)
            iqms, gaps = [], []
            for _ in range(reps):
                sample = generator.choices(values, k=n)
                iqms.append(iqm(sample))
                if gamma is not None:
                    gaps.append(gap(sample, gamma))
            entry["iqmLower"], entry["iqmUpper"] = interval(iqms)
            if gamma is not None:
                entry["gapLower"], entry["gapUpper"] = interval(gaps)
        groups.append(entry)
    pairs = []
    for _, x in labels:
        for _, y in labels:
            if x == y:
                continue
            xs, ys = scores[x], scores[y]
            replicates = [improvement(generator.choices(xs, k=len(xs)), generator.choices(ys, k=len(ys))) for _ in range(reps)]
            lower, upper = interval(replicates)
            pairs.append({"x": x, "y": y, "probability": improvement(xs, ys), "lower": lower, "upper": upper})
    out = {"runs": {name: {k: r[k] for k in ("group", "seed", "score", "points")} for name, r in runs.items()},
           "groups": groups, "improvement": pairs}
    json.dump(out, sys.stdout, indent=1)


if __name__ == "__main__":
    main()
