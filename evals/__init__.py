"""The eval harness: YAML suites of cases, the runner (dataset + writer + scorers), the LLM judge, reports,
run comparison, and the stage classifier's training. It depends on ``planner``; ``planner`` never imports it.
``cvj eval`` and the app's Evals tab reach it through the ``cvj.commands`` and ``cvj.app_tabs``
entry points (``evals.cli``, ``evals.app_tab``).
"""
