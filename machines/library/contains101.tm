# contains101: accepts binary words that contain 101 as a factor.
# A DFA on the longest suffix that is a prefix of 101; accepts as soon as 101 is read,
# so the worst case is a word without 101: T(n) = n + 1.
machine contains101
input  0 1
tape   0 1 _
blank  _
start  none
accept acc
reject rej
time   n + 1

none 0  -> none * R
none 1  -> seen1 * R
seen1 0 -> seen10 * R
seen1 1 -> seen1 * R
seen10 0 -> none * R
seen10 1 -> acc * R
{none, seen1, seen10} _ -> rej * S
