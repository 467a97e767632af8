"""Counting and capacity bounds: the mathematics of the theorems, apart from any network.

`counting` is Theorem 5.1's counting argument (most functions need p-SIZE > 2^n/n), evaluated
line by line with exact big integers; `psize_floor` the least p-SIZE that count leaves possible
for most functions; `vc` the VC-dimension bound of Bartlett et al. and the parameters it forces
at a given depth; `search` the one monotone search both floors use. Depends on nothing else of
tmnet.
"""
