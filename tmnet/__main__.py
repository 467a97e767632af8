import sys

from tmnet.cli import main

sys.exit(main())
