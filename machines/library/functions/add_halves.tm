# add_halves: computes a + b where a is the first ceil(n/2) symbols and b the last floor(n/2),
# both binary numbers least significant bit first. The output is the n cells 0..n-1, the sum
# LSB first (a + b < 2^(ceil(n/2) + 1) fits in n cells).
# Phase 1 marks the halves as in ww.tm (left 0/1 -> a/b, right 0/1 -> c/d, leftmost first so
# an odd middle symbol joins a). Phase 2 adds b into a digit by digit: take the leftmost c/d
# (erase it to e), go back to the leftmost unprocessed a/b, write the sum digit as 0/1 and
# carry in the state; b exhausted: propagate the carry through the rest of a and write a
# final carry on the first cell of b. Worst case about 1.35 n^2 steps: T(n) = 2*n^2 + 4*n + 4.
machine add_halves
input  0 1
tape   0 1 a b c d e _
blank  _
start  mleft
accept done
reject rej
time   2*n^2 + 4*n + 4
output n

mleft 0 -> tor a R            # phase 1: mark the leftmost unmarked symbol as left half
mleft 1 -> tor b R
mleft {c, d} -> home * L      # every symbol marked (even n)
mleft _ -> done _ S           # the empty word: 0 + 0
tor {0, 1} -> tor * R
tor {c, d, _} -> mright * L
mright 0 -> tol c L           # mark the rightmost unmarked symbol as right half
mright 1 -> tol d L
mright {a, b} -> home * L     # odd n: the middle symbol joined a
tol {0, 1} -> tol * L
tol {a, b} -> mleft * R

home {a, b, c, d} -> home * L
home _ -> find0 _ R

find0 {a, b, e} -> find0 * R  # phase 2, carry 0: find the next digit of b
find0 c -> back00 e L
find0 d -> back01 e L
find0 _ -> rest0 _ L
find1 {a, b, e} -> find1 * R  # carry 1
find1 c -> back10 e L
find1 d -> back11 e L
find1 _ -> rest1 _ L

back00 {a, b, e} -> back00 * L   # back to the leftmost unprocessed digit of a
back00 {0, 1, _} -> add00 * R
back01 {a, b, e} -> back01 * L
back01 {0, 1, _} -> add01 * R
back10 {a, b, e} -> back10 * L
back10 {0, 1, _} -> add10 * R
back11 {a, b, e} -> back11 * L
back11 {0, 1, _} -> add11 * R

add00 a -> find0 0 R          # add<carry><b digit>: a digit + b digit + carry
add00 b -> find0 1 R
add01 a -> find0 1 R
add01 b -> find1 0 R
add10 a -> find0 1 R
add10 b -> find1 0 R
add11 a -> find1 0 R
add11 b -> find1 1 R

rest0 {a, b, e} -> rest0 * L  # b is exhausted: back to the rest of a
rest0 {0, 1, _} -> prop0 * R
rest1 {a, b, e} -> rest1 * L
rest1 {0, 1, _} -> prop1 * R
prop0 a -> prop0 0 R          # the rest of a, plus the carry
prop0 b -> prop0 1 R
prop0 {e, _} -> done * S
prop1 a -> prop0 1 R
prop1 b -> prop1 0 R
prop1 {e, _} -> done 1 S      # the final carry
