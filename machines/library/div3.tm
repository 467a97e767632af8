# div3: accepts binary numbers (most significant bit first) divisible by 3.
# The empty word is the number 0, so it is accepted. A DFA on the remainder:
# reading bit b takes remainder r to (2r + b) mod 3. T(n) = n + 1 exactly.
machine div3
input  0 1
tape   0 1 _
blank  _
start  r0
accept acc
reject rej
time   n + 1

r0 0 -> r0 * R
r0 1 -> r1 * R
r1 0 -> r2 * R
r1 1 -> r0 * R
r2 0 -> r1 * R
r2 1 -> r2 * R
r0 _ -> acc * S
r1 _ -> rej * S
r2 _ -> rej * S
