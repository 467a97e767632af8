# balanced: accepts balanced strings of parentheses over the input alphabet ( ).
# The input alphabet is not {0, 1}: each symbol is one network input bit, ( = 0 and ) = 1
# (declaration order, see machines/encoding.py).
# Find the first unmatched ), cross it off (x), cross off the nearest unmatched ( to its left,
# return to the left end, repeat. No ) left: accept iff no ( is left either.
# Worst case (3n^2 + 10n + 8)/4 steps for even n; bound n^2 + 2n + 2 (tight at n = 0, 2).
machine balanced
input  ( )
tape   ( ) x _
blank  _
start  seek
accept acc
reject rej
time   n^2 + 2*n + 2

seek {(,x} -> * * R
seek ) -> match x L
seek _ -> check * L          # no ) left
match x -> * * L
match ( -> home x L
match _ -> rej * S           # a ) without its (
home {(,x} -> * * L
home _ -> seek * R
check x -> * * L
check _ -> acc * S
check ( -> rej * S           # a ( without its )
