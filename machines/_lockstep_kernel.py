"""The compiled loop of machines/lockstep.py (numba; imported only when numba is installed).

It is the numpy reference loop of `lockstep._numpy_chunk` written per input: one input after
another on a reused tape window, a few runs in flight per core, blocks of inputs spread over
the cores. Tests check the two against each other and against `machines.run`.
"""

from __future__ import annotations

import numba
import numpy as np

REJECT, ACCEPT, TIMEOUT, ESCAPED = 0, 1, 2, 3  # as in machines/lockstep.py
SLOTS = 4  # runs in flight per core
SLOTS_STEPS = 8  # steps of one run before the next slot's turn


@numba.njit(parallel=True, cache=True, nogil=True)
def kernel(
    table, lut, bits, start, accept, missing, blank, left_bounded,
    n, limit, origin, width, ids, out_o, out_s,
):  # fmt: skip
    """Run input vector ids[i] from the start state; write its outcome and steps at i.

    `table[state + symbol]` packs (next state << 10) | (written symbol << 2) | (move + 1).
    Each core takes blocks of inputs and keeps SLOTS runs in flight on tapes of `width` cells,
    SLOTS_STEPS steps of each in turn: the runs are independent, so their table lookups
    overlap instead of waiting on each other. A finished run's tape is blanked and the next
    input written into it."""
    count = len(ids)
    blocks = max(1, min(count // 1024, 64))
    mask = (1 << bits) - 1
    cells = min(n, width - origin)
    for blk in numba.prange(blocks):
        lo = blk * count // blocks
        hi = (blk + 1) * count // blocks
        tape = np.empty(SLOTS * width, dtype=np.uint8)
        tape[:] = blank
        st = np.empty(SLOTS, dtype=np.int64)
        hh = np.empty(SLOTS, dtype=np.int64)
        ss = np.empty(SLOTS, dtype=np.int64)
        slot_i = np.full(SLOTS, -1, dtype=np.int64)  # the input a slot runs, -1: free
        nxt_i = lo
        busy = True
        while busy:
            busy = False
            for k in range(SLOTS):
                base = k * width
                i = slot_i[k]
                if i < 0:  # a free slot takes the next input (its tape is blank)
                    if nxt_i >= hi:
                        continue
                    i = nxt_i
                    nxt_i += 1
                    idx = ids[i]
                    for j in range(cells):
                        tape[base + origin + j] = lut[(idx >> (bits * j)) & mask]
                    slot_i[k] = i
                    st[k] = start
                    hh[k] = base + origin
                    ss[k] = 0
                busy = True
                s = st[k]
                h = hh[k]
                steps = ss[k]
                done = False
                outcome = TIMEOUT
                for _ in range(SLOTS_STEPS):
                    if s >= accept:
                        outcome = ACCEPT if s == accept else REJECT
                        done = True
                        break
                    ent = table[s + tape[h]]
                    ns = ent >> 10
                    if ns == missing:
                        outcome = REJECT
                        done = True
                        break
                    if steps == limit:
                        done = True
                        break
                    tape[h] = (ent >> 2) & 255
                    h += (ent & 3) - 1
                    steps += 1
                    s = ns
                    c = h - base
                    if c < 0 or c >= width:
                        if left_bounded and c < 0:
                            h = base
                        else:
                            outcome = ESCAPED
                            done = True
                            break
                if done:
                    out_o[i] = outcome
                    out_s[i] = steps
                    tape[base : base + width] = blank
                    slot_i[k] = -1
                else:
                    st[k] = s
                    hh[k] = h
                    ss[k] = steps
