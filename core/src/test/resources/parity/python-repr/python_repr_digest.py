#!/usr/bin/env python3
"""Python's repr() of 10**6 deterministic doubles, as digests the Java tests check without Python.

The doubles come from SplitMix64 (seed SEED, one 64-bit draw per double); index i takes its kind from i % 8:

  0-2  the draw's bits as a double: uniform over all bit patterns (NaN, infinities and zeros included)
  3    a double read from an 18-digit decimal midway between two of 17 digits, float("<m>5e<e>") with m below
       10**17 (read back within half a unit in the last place of that midpoint)
  4    a power of ten, float("1e<n>") for n in -323..308, moved by -2..+2 units in the last place, either sign
  5    a subnormal: 52 random fraction bits shifted right by 0..51, either sign
  6    an integer below 2**53 divided by 2**p, p in 0..7 (integers, halves, quarters...), either sign: among them
       exact ties, such as 2**50 + 0.25, midway between its two nearest 17-digit decimals (...24.2 and ...24.3),
       both of which read back (about 4,900 of the 10**6 doubles are such ties, 4,450 of them of this kind)
  7    a power of two (any biased exponent 0..2046) moved by -2..+2 units in the last place, either sign

The Java side (PythonReprDigestTest, PythonReprDoubles) draws the same doubles. Written here:

  digests.tsv  SHA-256 of all reprs, each followed by "\\n", in index order; and one per block of BLOCK indices
  sample.tsv   index, the double's bits (hex) and its repr for every index divisible by SAMPLE_EVERY

Regenerate (Python 3.11, from this directory):
    python3 python_repr_digest.py write
Print one range of indices to find a mismatch a test reported in a block:
    python3 python_repr_digest.py print 120000 130000
"""

import hashlib
import struct
import sys

SEED = 0x5EEDF10A72026
COUNT = 1_000_000
BLOCK = 10_000
SAMPLE_EVERY = 257
MASK64 = (1 << 64) - 1


def splitmix64(seed):
    state = seed
    while True:
        state = (state + 0x9E3779B97F4A7C15) & MASK64
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        yield z ^ (z >> 31)


def from_bits(bits):
    return struct.unpack("<d", struct.pack("<Q", bits & MASK64))[0]


def to_bits(x):
    return struct.unpack("<Q", struct.pack("<d", x))[0]


def with_sign(bits, negative):
    return bits | (1 << 63) if negative else bits


def double_for(index, r):
    kind = index % 8
    if kind < 3:
        return r
    if kind == 3:
        m = (r >> 7) % 10**17
        e = (r & 0x7F) * 5 - 340 + m % 5
        return to_bits(float(f"{m}5e{e}"))
    if kind == 4:
        n = (r >> 32) % 632 - 323
        ulps = (r & 0xF) % 5 - 2
        return with_sign(to_bits(float(f"1e{n}")) + ulps, (r >> 4) & 1)
    if kind == 5:
        fraction = (r >> 12) >> ((r & 0x3F) % 52)
        return with_sign(fraction, (r >> 6) & 1)
    if kind == 6:
        m = (r >> 11) >> (((r >> 2) & 0x3F) % 53)
        return with_sign(to_bits(m / 2 ** ((r >> 8) & 7)), r & 1)
    exponent = (r >> 11) % 2047
    ulps = (r & 0xF) % 5 - 2
    return with_sign(max(0, (exponent << 52) + ulps), (r >> 4) & 1)


def doubles():
    draws = splitmix64(SEED)
    for index in range(COUNT):
        yield index, double_for(index, next(draws))


def write():
    everything = hashlib.sha256()
    block = hashlib.sha256()
    with open("digests.tsv", "w") as digests, open("sample.tsv", "w") as sample:
        digests.write(f"# python_repr_digest.py write, Python {sys.version.split()[0]}: count {COUNT}, "
                      f"seed {SEED:#x}, block {BLOCK}\n")
        sample.write(f"# index\tbits\trepr, every {SAMPLE_EVERY}th index (python_repr_digest.py write)\n")
        block_digests = []
        for index, bits in doubles():
            line = (repr(from_bits(bits)) + "\n").encode("ascii")
            everything.update(line)
            block.update(line)
            if index % SAMPLE_EVERY == 0:
                sample.write(f"{index}\t{bits:016x}\t{line.decode('ascii')}")
            if (index + 1) % BLOCK == 0:
                block_digests.append(block.hexdigest())
                block = hashlib.sha256()
        digests.write(f"all\t{everything.hexdigest()}\n")
        for number, digest in enumerate(block_digests):
            digests.write(f"{number * BLOCK}\t{digest}\n")


def print_range(start, end):
    for index, bits in doubles():
        if index >= end:
            break
        if index >= start:
            print(f"{index}\t{bits:016x}\t{repr(from_bits(bits))}")


if __name__ == "__main__":
    if len(sys.argv) == 2 and sys.argv[1] == "write":
        write()
    elif len(sys.argv) == 4 and sys.argv[1] == "print":
        print_range(int(sys.argv[2]), int(sys.argv[3]))
    else:
        sys.exit(__doc__)
