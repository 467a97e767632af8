# increment_check: accepts binary numbers w (most significant bit first) such that w + 1 is
# divisible by 3. The machine writes: it adds 1 in place (a carry out of the leading digit is
# written on the cell left of the input, so it uses the two-way tape), then reads the new
# number back from its leading digit with the divisibility-by-3 automaton.
# The empty word is the number 0: 0 + 1 = 1, rejected.
# Worst case 3n + 3 steps (all ones: carry to the left end, then read n + 1 digits back).
machine increment_check
input  0 1
tape   0 1 _
blank  _
start  toend
accept acc
reject rej
time   3*n + 3

toend {0,1} -> * * R
toend _ -> carry * L
carry 1 -> * 0 L
carry 0 -> rewind 1 L
carry _ -> r1 1 R            # overflow: a new leading 1, read it at once
rewind {0,1} -> * * L
rewind _ -> r0 * R
r0 0 -> r0 * R
r0 1 -> r1 * R
r1 0 -> r2 * R
r1 1 -> r0 * R
r2 0 -> r1 * R
r2 1 -> r2 * R
r0 _ -> acc * S
{r1, r2} _ -> rej * S
