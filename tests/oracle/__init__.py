"""The independent claims verifier ("oracle"): every claim a chapter makes, re-derived from the chapter's data.

Each chapter's own checks live in ``tests/chapters/<folder>/oracle.py`` (found from a chapter id by
:func:`tests.chapters.oracle`); what two or more chapters use lives here. No chapter's oracle imports another's.

Nothing here or there imports or imitates ``attention_core.claims`` (the claim makers, numbers as written in
``attention_core.claims.display``, the kind table): numbers "as written" are Python's ``f"{x:.Nf}"`` with ``-0.00``
-> ``0.00`` and a true minus sign, sums of written numbers are exact ``Decimal`` sums, half-up rounding is
``ROUND_HALF_UP`` (:mod:`tests.oracle.written`). From the product the oracle takes only the data it checks and the
words it renders: ``Claim``, ``ExplainerError``, ``retention_curve`` and ``tokenize`` from ``attention_core``, the
chapters (``scenes.get_chapter``, ``CHAPTERS``, ``Chapter``), the caption templates (``scenes.strings.claim_text``,
``text``) and the English function words of ``attention_core.language.pos`` (for the focus rule). Each ``check_*``
function returns a list of problems (empty: the claim holds), so a test can both assert that real claims hold and
that falsified ones are caught.

The modules: :mod:`~tests.oracle.written` (numbers as written), :mod:`~tests.oracle.words` (how captions name
words), :mod:`~tests.oracle.readings` (what one row of weights says), :mod:`~tests.oracle.arithmetic` (sums, signs,
dot products, the scale), :mod:`~tests.oracle.captions` with :mod:`~tests.oracle.caption_bits`,
:mod:`~tests.oracle.wording` and :mod:`~tests.oracle.caption_templates` (what a caption must and may say),
:mod:`~tests.oracle.focus` and :mod:`~tests.oracle.window` (the focus word and the words shown),
:mod:`~tests.oracle.views`, :mod:`~tests.oracle.view_rules`, :mod:`~tests.oracle.view_choice` and
:mod:`~tests.oracle.view_claims` (a trained model's word views, the rules that choose one, the claims about it),
:mod:`~tests.oracle.real_model_rules` (chapter 9's head groups, layer shares and rollout),
:mod:`~tests.oracle.focus_reading` (chapters 1 and 3: one focus word's row), :mod:`~tests.oracle.stated` (the
captions every word-view chapter states) and :mod:`~tests.oracle.chapter` (one chapter's whole check).
"""
