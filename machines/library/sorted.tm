# sorted: accepts binary words of the form 0*1* (no 0 after a 1).
# One left-to-right pass. T(n) = n + 1 exactly.
machine sorted
input  0 1
tape   0 1 _
blank  _
start  zeros
accept acc
reject rej
time   n + 1

zeros 0 -> zeros * R
zeros 1 -> ones  * R
ones  1 -> ones  * R
ones  0 -> rej   * S   # a 0 after a 1
{zeros, ones} _ -> acc * S
