# parity: accepts binary words with an odd number of 1s.
# One left-to-right pass; the state remembers the parity so far. T(n) = n + 1 exactly.
machine parity
input  0 1
tape   0 1 _
blank  _
start  even
accept acc
reject rej
time   n + 1

even 0 -> even 0 R
even 1 -> odd  1 R
even _ -> rej  _ S
odd  0 -> odd  0 R
odd  1 -> even 1 R
odd  _ -> acc  _ S
