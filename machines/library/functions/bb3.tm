# bb3: the 3-state 2-symbol busy beaver (steps): 21 steps, 5 ones on the empty input.
# bbchallenge 1RB1RZ_1LB0RC_1LC1LA; the halting state Z accepts. A function machine: the output is the final tape,
# cells -1 : n + 4 (every non-blank cell on inputs 1^k, k <= 40). On 1^k (k >= 1) it halts after 1 step, so T(n) = 21.
machine bb3
input  1
tape   0 1
blank  0
start  A
accept Z
reject rej
time   21
output -1 : n + 4

A 0 -> B 1 R
A 1 -> Z 1 R
B 0 -> B 1 L
B 1 -> C 0 R
C 0 -> C 1 L
C 1 -> A 1 L
