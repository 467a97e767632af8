# increment: computes w + 1 for a binary number w written least significant bit first.
# The output is the n + 1 cells 0..n (bit k = cell k, LSB first): the carry runs right over
# the 1s (writing 0) and the first 0 or blank becomes 1. At most n + 1 steps, T(n) = n + 1.
machine increment
input  0 1
tape   0 1 _
blank  _
start  carry
accept done
reject rej
time   n + 1
output n + 1

carry 1 -> carry 0 R
carry 0 -> done  1 S
carry _ -> done  1 S
