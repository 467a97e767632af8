"""The compiled loop of machines/lockstep.py (numba; imported only when numba is installed).

It is the numpy reference loop of `lockstep._numpy_chunk` written per input: one input after
another on a reused tape window, blocks of inputs spread over the cores. tests check the two
against each other and against `machines.run`.
"""

from __future__ import annotations

import numba
import numpy as np

REJECT, ACCEPT, TIMEOUT, ESCAPED = 0, 1, 2, 3  # as in machines/lockstep.py


@numba.njit(parallel=True, cache=True, nogil=True)
def kernel(
    nxt, write, move, lut, bits, start, accept, missing, blank, left_bounded,
    n, limit, origin, width, ids, out_o, out_s,
):  # fmt: skip
    """Run input vector ids[i] from the start state; write its outcome and steps at i."""
    count = len(ids)
    blocks = max(1, min(count // 1024, 64))
    mask = (1 << bits) - 1
    cells = min(n, width - origin)
    for blk in numba.prange(blocks):
        lo = blk * count // blocks
        hi = (blk + 1) * count // blocks
        tape = np.empty(width, dtype=np.uint8)
        for i in range(lo, hi):
            tape[:] = blank
            idx = ids[i]
            for j in range(cells):
                tape[origin + j] = lut[(idx >> (bits * j)) & mask]
            h = origin
            s = 0
            st = start
            outcome = TIMEOUT
            while True:
                if st >= accept:
                    outcome = ACCEPT if st == accept else REJECT
                    break
                e = st + tape[h]
                ns = nxt[e]
                if ns == missing:
                    outcome = REJECT
                    break
                if s == limit:
                    break
                tape[h] = write[e]
                h += move[e]
                s += 1
                st = ns
                if h < 0 or h >= width:
                    if left_bounded and h < 0:
                        h = 0
                    else:
                        outcome = ESCAPED
                        break
            out_o[i] = outcome
            out_s[i] = s
