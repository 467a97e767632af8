# anbn: accepts the binary words 0^k 1^k (k >= 0).
# Erase a 0 at the left end, run to the right end, erase a 1 there, run back, repeat.
# Worst case (n + 1)(n + 2)/2 steps on 0^k 1^k; bound n^2 + 2 (tight at n = 1, 2).
machine anbn
input  0 1
tape   0 1 _
blank  _
start  take
accept acc
reject rej
time   n^2 + 2

take _ -> acc  _ S
take 0 -> run  _ R
take 1 -> rej  * S
run {0,1} -> * * R
run _ -> end _ L
end 1 -> back _ L            # a 0 at the end (or an erased cell) has no transition: reject
back {0,1} -> * * L
back _ -> take _ R
