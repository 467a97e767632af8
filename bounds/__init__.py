"""Counting and capacity bounds: the mathematics of the theorems, apart from any network.

`counting` is Theorem 5.1's counting argument (most functions need p-SIZE > 2^n/n), evaluated
line by line with exact big integers. Depends on nothing else of tmnet.
"""
