"""tmnet: Turing machines, ReLU network families and their exact simulation.

The packages `machines`, `simulate` and `uniform` hold the logic; this package is the command line.
"""

__version__ = "0.1.0"
