# majority: accepts binary words with strictly more 1s than 0s.
# Cross off (x) the leftmost unmarked symbol and an unmarked symbol of the other kind to its
# right, return to the left end, repeat. If the leftmost unmarked symbol has no partner, the
# rest are all of its kind: accept iff it is a 1. No unmarked symbol left: a tie, reject.
# Worst case (3n^2 + 6n + 4)/4 steps for even n; bound n^2 + n + 1 (tight at n = 0, 2).
machine majority
input  0 1
tape   0 1 x _
blank  _
start  scan
accept acc
reject rej
time   n^2 + n + 1

scan x -> * * R
scan _ -> rej * S            # all crossed off: as many 0s as 1s
scan 0 -> find1 x R
scan 1 -> find0 x R
find1 {0,x} -> * * R
find1 1 -> home x L
find1 _ -> rej * S           # 0s left over
find0 {1,x} -> * * R
find0 0 -> home x L
find0 _ -> acc * S           # 1s left over
home {0,1,x} -> * * L
home _ -> scan * R
