"""Claims: every fact a caption states, made from the numbers as written on screen (:mod:`.claim`, :mod:`.display`),
the kind table that says what each kind carries, which wording variant and notes it needs (:mod:`.kinds`), and the
claims about trained models' views and layers (:mod:`.view_claims`, :mod:`.layer_claims`)."""
