# palindrome: accepts binary palindromes (the empty word included).
# Erase the leftmost symbol, run to the right end, erase the last symbol if it matches, run
# back, repeat. A word of length k takes 2k + 1 steps for a round plus the rounds on k - 2:
# (n + 1)(n + 2)/2 steps on palindromes, the worst case. The tightest bound with integer
# coefficients is n^2 + 2 (it equals the worst case at n = 1 and n = 2).
machine palindrome
input  0 1
tape   0 1 _
blank  _
start  take
accept acc
reject rej
time   n^2 + 2

take _ -> acc  _ S           # nothing left: a palindrome
take 0 -> run0 _ R
take 1 -> run1 _ R
run0 {0,1} -> * * R
run0 _ -> end0 _ L
run1 {0,1} -> * * R
run1 _ -> end1 _ L
end0 0 -> back _ L
end0 1 -> rej  * S
end0 _ -> acc  _ S           # the middle symbol of an odd palindrome
end1 1 -> back _ L
end1 0 -> rej  * S
end1 _ -> acc  _ S
back {0,1} -> * * L
back _ -> take _ R
