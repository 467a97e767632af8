# bb2: the 2-state 2-symbol busy beaver: 6 steps and 4 ones on the empty input.
# bbchallenge 1RB1LB_1LA1RZ; the halting state Z accepts. A function machine: the output is the final tape,
# cells -2 : n + 2 (every non-blank cell on inputs 1^k, k <= 40). On 1^k it halts after 4 steps (k >= 1), so T(n) = 6.
machine bb2
input  1
tape   0 1
blank  0
start  A
accept Z
reject rej
time   6
output -2 : n + 2

A 0 -> B 1 R
A 1 -> B 1 L
B 0 -> A 1 L
B 1 -> Z 1 R
