#!/usr/bin/env python3
"""Regenerates the golden files next to this script (CPython 3.11 and NumPy were used).

  python3 generate_python_vectors.py

- python-double-repr.txt: "<IEEE bits in hex> <repr(x)>", one double a line;
- numpy-float32-repr.txt: "<IEEE bits in hex> <shortest float32 text in Python's layout>" (NumPy's Dragon4
  unique mode gives the digits, since Python has no float32);
- python-json-trees.txt: pairs of lines, an input JSON text (keys unsorted, compact or raw UTF-8) and
  json.dumps(value, sort_keys=True) for the value it holds.
"""
import json
import math
import re
import os
import random
import struct

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(20240517)


def bits_to_double(b):
    return struct.unpack('>d', struct.pack('>Q', b))[0]


def double_to_bits(x):
    return struct.unpack('>Q', struct.pack('>d', x))[0]


def doubles():
    out = []
    for _ in range(2500):  # uniform over bit patterns: every exponent, subnormals included
        x = bits_to_double(rng.getrandbits(64))
        if math.isfinite(x):
            out.append(x)
    for _ in range(1000):  # values people write and compute
        k = rng.randint(0, 8)
        out.append(round(rng.uniform(-1e6, 1e6), k))
        out.append(rng.random())
        out.append(rng.randint(1, 10**rng.randint(1, 17)) / 10**rng.randint(0, 20))
        out.append(rng.gauss(0, 10**rng.randint(-10, 20)))
    for e in range(-1074, 1024):  # powers of two: the asymmetric rounding interval
        out.append(math.ldexp(1.0, e))
    for e in range(-323, 309):  # powers of ten and their neighbours
        x = float('1e%d' % e)
        out += [x, math.nextafter(x, 0), math.nextafter(x, math.inf)]
    for _ in range(500):  # subnormals
        out.append(bits_to_double(rng.getrandbits(52)))
    out += [0.1 + 0.2, 1 / 3, 2 / 3, float(2**53), float(2**53 + 2), float(2**63), float(2**64), 1e16 - 2, 1e16 + 2, 9999999999999998.0,
            0.0001, math.nextafter(0.0001, 0), 123456789012345680.0, 5e-324, 1.7976931348623157e308,
            2.2250738585072014e-308, 2.225073858507201e-308, 4.35, 0.3, 2e23, 8.41e21, 5.0e-324 * 3]
    return out


def write_doubles():
    with open(os.path.join(HERE, 'python-double-repr.txt'), 'w') as f:
        for i, x in enumerate(doubles()):
            for v in ((x, -x) if i % 10 == 0 else (x,)):
                f.write('%016x %s\n' % (double_to_bits(v), repr(v)))


def python_layout(digits, point, negative):
    """CPython's format_float_short for mode 'r': value = 0.digits * 10**point."""
    sign = '-' if negative else ''
    n = len(digits)
    if point <= -4 or point > 16:
        mantissa = digits[0] + ('.' + digits[1:] if n > 1 else '')
        return '%s%se%+03d' % (sign, mantissa, point - 1)
    if point <= 0:
        return sign + '0.' + '0' * -point + digits
    if point >= n:
        return sign + digits + '0' * (point - n) + '.0'
    return sign + digits[:point] + '.' + digits[point:]


def float32_text(f):
    if f == 0:
        return '-0.0' if math.copysign(1, f) < 0 else '0.0'
    s = np.format_float_scientific(np.float32(abs(f)), unique=True, trim='-')  # like 1.2345e+05 or 1e-45
    mantissa, exponent = s.split('e')
    digits = mantissa.replace('.', '').rstrip('0') or '0'
    return python_layout(digits, int(exponent) + 1, f < 0)


def write_floats():
    values = []
    for _ in range(3000):
        b = rng.getrandbits(32)
        if (b >> 23) & 0xff != 0xff:
            values.append(b)
    for e in range(-149, 128):
        values.append(struct.unpack('>I', struct.pack('>f', math.ldexp(1.0, e)))[0])
    for _ in range(1500):
        x = round(rng.uniform(-1e4, 1e4), rng.randint(0, 6))
        values.append(struct.unpack('>I', struct.pack('>f', x))[0])
    for _ in range(500):
        values.append(rng.getrandbits(23))  # subnormals
    with open(os.path.join(HERE, 'numpy-float32-repr.txt'), 'w') as f:
        for b in values:
            x = struct.unpack('>f', struct.pack('>I', b))[0]
            f.write('%08x %s\n' % (b, float32_text(x)))


ALPHABET = ['a', 'b', 'Z', '_', '1', ' ', '"', '\\', '/', '\n', '\t', '\x00', '\x1f', '\x7f', '\u00e9', '\u00ff',
            '\u0100', '\u65e5', '\ue000', '\uffff', '\U0001f600', '\U00010000', '\ud83d', '\ude00', '\u2028']


def random_string():
    while True:
        s = ''.join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 6)))
        # A high then a low lone surrogate would read back (in Java, and in Python via JSON) as one code point.
        if not re.search('[\ud800-\udbff][\udc00-\udfff]', s):
            return s


def random_key():
    # Java refuses unpaired surrogates in keys (strict readers cannot read them back); pairs are fine.
    return random_string().replace('\ud83d', '\U0001f600').replace('\ude00', '\U00010000')


def random_number():
    kind = rng.randint(0, 5)
    if kind == 0:
        return rng.randint(-1000, 1000)
    if kind == 1:
        return rng.randint(-2**70, 2**70)
    if kind == 2:
        return rng.choice([0.0, -0.0, 1.0, 1e16, 1e-5, 0.1, 1e22, 5e-324])
    if kind == 3:
        return bits_to_double(rng.getrandbits(64)) if rng.random() < 0.5 else rng.uniform(-1e3, 1e3)
    if kind == 4:
        return round(rng.uniform(-100, 100), 2)
    return rng.choice([True, False, None])


def random_value(depth):
    r = rng.random()
    if depth > 3 or r < 0.35:
        x = random_number()
        return x if not (isinstance(x, float) and not math.isfinite(x)) else 1.5
    if r < 0.55:
        return random_string()
    if r < 0.75:
        return [random_value(depth + 1) for _ in range(rng.randint(0, 4))]
    return {random_key(): random_value(depth + 1) for _ in range(rng.randint(0, 5))}


def has_lone_surrogate(text):
    try:
        text.encode('utf-8')
        return False
    except UnicodeEncodeError:
        return True


def write_trees():
    with open(os.path.join(HERE, 'python-json-trees.txt'), 'w', encoding='utf-8') as f:
        for _ in range(1500):
            value = random_value(0)
            raw = json.dumps(value, ensure_ascii=False, separators=(',', ':'))
            if has_lone_surrogate(raw) or rng.random() < 0.3:
                raw = json.dumps(value, separators=(',', ':'))
            f.write(raw + '\n')
            f.write(json.dumps(value, sort_keys=True) + '\n')


if __name__ == '__main__':
    write_doubles()
    write_floats()
    write_trees()
