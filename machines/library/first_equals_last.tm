# first_equals_last: accepts non-empty binary words whose first and last symbols are equal.
# The empty word is rejected. Remember the first symbol, run to the end, step back, compare:
# n + 2 steps on every non-empty word, so T(n) = n + 2.
machine first_equals_last
input  0 1
tape   0 1 _
blank  _
start  first
accept acc
reject rej
time   n + 2

first 0 -> run0 * R
first 1 -> run1 * R
first _ -> rej  * S          # the empty word
run0 * -> *    * R           # any symbol but the blank (explicit entries win)
run0 _ -> last0 * L
run1 * -> *    * R
run1 _ -> last1 * L
last0 0 -> acc * S
last0 1 -> rej * S
last1 1 -> acc * S
last1 0 -> rej * S
