# ww: accepts binary words of the form w w (a word written twice; the empty word included).
# Phase 1 finds the middle: mark the leftmost unmarked symbol (0 -> a, 1 -> b) and the
# rightmost (0 -> c, 1 -> d), repeat; an odd length leaves a symbol without partner: reject.
# Phase 2 compares: take the leftmost a/b (mark it X), find the first c/d to its right, which
# must match (mark it Y), return to the X, repeat; no a/b left: accept.
# Worst case n^2 + 5n/2 + 3 steps for even n >= 2 (odd n is rejected sooner); bound (n+1)(n+2).
machine ww
input  0 1
tape   0 1 a b c d X Y _
blank  _
start  left
accept acc
reject rej
time   (n + 1)*(n + 2)

# phase 1
left _ -> acc * S            # the empty word
left 0 -> toend a R
left 1 -> toend b R
left {c,d} -> home * L       # every symbol marked: go compare
toend {0,1} -> * * R
toend {c,d,_} -> right * L
right 0 -> toleft c L
right 1 -> toleft d L
right {a,b} -> rej * S       # odd length
toleft {0,1} -> * * L
toleft {a,b} -> left * R
home {a,b} -> * * L
home _ -> take * R
# phase 2
take a -> find0 X R
take b -> find1 X R
take Y -> acc * S            # every pair matched
find0 {a,b,Y} -> * * R
find0 c -> back Y L
find1 {a,b,Y} -> * * R
find1 d -> back Y L
back {a,b,Y} -> * * L
back X -> take * R
