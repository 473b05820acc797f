"""Before anything imports NumPy: one BLAS thread, as the CLI uses (see render.py)."""

import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")
