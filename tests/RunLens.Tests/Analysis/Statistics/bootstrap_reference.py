# Reference numbers for RliableBootstrapTests, computed without numpy/scipy (run: /usr/bin/python3 bootstrap_reference.py).
# Written from the published definitions, not from the C# code: xoshiro256** and SplitMix64 from prng.di.unimi.it,
# Lemire's bounded integers, scipy.stats.trim_mean, the Mann-Whitney count, and numpy.percentile's "linear" method
# (virtual index (n - 1) * q, numpy's _lerp). The resampling order is RunLens's documented one: per resample,
# run by run, task by task, one draw each; for pairs x's draws then y's.
M = (1 << 64) - 1

class Xoshiro:
    def __init__(self, seed):
        self.s, x = [], seed
        for _ in range(4):
            x = (x + 0x9E3779B97F4A7C15) & M
            z = x
            z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
            self.s.append(z ^ (z >> 31))
    def next(self):
        s = self.s
        rotl = lambda v, k: ((v << k) | (v >> (64 - k))) & M
        result = (rotl((s[1] * 5) & M, 7) * 9) & M
        t = (s[1] << 17) & M
        s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t; s[3] = rotl(s[3], 45)
        return result
    def below(self, bound):
        m = self.next() * bound
        if (m & M) < bound:
            threshold = ((1 << 64) - bound) % bound
            while (m & M) < threshold:
                m = self.next() * bound
        return m >> 64

def resample(scores, g):
    runs = len(scores)
    return [[scores[g.below(runs)][t] for t in range(len(scores[0]))] for _ in range(runs)]

def iqm(scores):
    pooled = sorted(v for row in scores for v in row)
    cut = int(0.25 * len(pooled))
    kept = pooled[cut:len(pooled) - cut]
    return sum(kept) / len(kept)

def poi(x, y):
    tasks = len(x[0])
    total = 0.0
    for t in range(tasks):
        u = sum(1.0 if a[t] > b[t] else 0.5 if a[t] == b[t] else 0.0 for a in x for b in y)
        total += u / (len(x) * len(y))
    return total / tasks

def profile(scores, taus):
    pooled = [v for row in scores for v in row]
    return [sum(1 for v in pooled if v > tau) / len(pooled) for tau in taus]

def percentile(values, q):
    a = sorted(values)
    position = (len(a) - 1) * (q / 100)
    below = int(position // 1)
    gamma = position - below
    lo, hi = a[below], a[min(below + 1, len(a) - 1)]
    diff = hi - lo
    return hi - diff * (1 - gamma) if gamma >= 0.5 else lo + diff * gamma

def interval(replicates, confidence=0.95):
    alpha = (1 - confidence) / 2
    return percentile(replicates, 100 * alpha), percentile(replicates, 100 * (1 - alpha))

scores = [[0.1, 1.2, 0.5], [0.7, 0.9, 2.0], [0.3, 1.5, 0.8], [1.1, 0.2, 0.6], [0.4, 1.0, 1.3]]
g = Xoshiro(42)
print("iqm", repr(iqm(scores)), [repr(v) for v in interval([iqm(resample(scores, g)) for _ in range(1000)])])

x = [[0.1, 1.2], [0.7, 0.9], [0.3, 1.5], [1.1, 0.2]]
y = [[0.2, 1.0], [0.3, 0.8], [0.7, 0.4]]
g = Xoshiro(7)
reps = []
for _ in range(500):
    sx = resample(x, g)
    sy = resample(y, g)
    reps.append(poi(sx, sy))
print("poi", repr(poi(x, y)), [repr(v) for v in interval(reps, 0.9)])

taus = [0.0, 0.5, 1.0, 1.5]
g = Xoshiro(3)
profiles = [profile(resample(scores, g), taus) for _ in range(300)]
print("profile", [repr(v) for v in profile(scores, taus)])
for i in range(len(taus)):
    print(" tau", taus[i], [repr(v) for v in interval([p[i] for p in profiles])])
