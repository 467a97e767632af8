# unary_to_binary: writes n in binary (least significant bit first) for the input 1^n.
# Pass i counts the live 1s mod 2 (bit i of n) and crosses out (x) the first of each pair, so
# floor(c/2) stay live; bit i is written on cell i (O or I; no live 1 is left at or before it),
# and the next pass starts on cell i + 1. No live 1 left: I/O become 1/0 and x becomes blank.
# The output is the n cells 0..n-1 (bit k = cell k). About 2n steps a pass, log2(n) + 1
# passes, then n + 2 to clean up: T(n) = (n + 2)^2 (tested up to n = 14).
machine unary_to_binary
input  1
tape   1 x O I 0 _
blank  _
start  none
accept done
reject rej
time   (n + 2)^2
output n

none 1 -> odd  x R          # the first live 1 of the pass: crossed, count odd
none x -> none x R
none _ -> fin  _ L          # no live 1 left: finish
even 1 -> odd  x R          # the first of a pair: crossed
even x -> even x R
even _ -> back0 _ L         # an even count: bit 0
odd  1 -> even 1 R          # the second of a pair: stays live
odd  x -> odd  x R
odd  _ -> back1 _ L         # an odd count: bit 1

back0 {1, x} -> back0 * L   # back to the last written bit (or the left end)
back0 {O, I, _} -> put0 * R
back1 {1, x} -> back1 * L
back1 {O, I, _} -> put1 * R
put0 {x, _} -> none O R     # cell i: write bit i, start the next pass on cell i + 1
put1 {x, _} -> none I R

fin x -> fin _ L            # clean up: x -> blank, O -> 0, I -> 1
fin O -> fin 0 L
fin I -> fin 1 L
fin _ -> done _ R
