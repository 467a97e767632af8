# bb4: the 4-state 2-symbol busy beaver (Brady 1983): 107 steps, 13 ones on the empty input.
# bbchallenge 1RB1LB_1LA0LC_1RZ1LD_1RD0RA; the halting state Z accepts. A function machine: the output is the final tape,
# cells -10 : n + 4 (every non-blank cell on inputs 1^k, k <= 40). On 1^k it takes at most 8k + 107 steps (checked for k <= 40): T(n) = 8n + 107.
machine bb4
input  1
tape   0 1
blank  0
start  A
accept Z
reject rej
time   8*n + 107
output -10 : n + 4

A 0 -> B 1 R
A 1 -> B 1 L
B 0 -> A 1 L
B 1 -> C 0 L
C 0 -> Z 1 R
C 1 -> D 1 L
D 0 -> D 1 R
D 1 -> A 0 R
