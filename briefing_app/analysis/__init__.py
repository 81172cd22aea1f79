"""Pure analysis of text and graphs (no Qt): one sub-package per job.

- ``matcher``: known actors' mentions in text (aliases, demonyms, CJK);
- ``anchoring``: annotations found again in a changed text;
- ``dates``: date expressions resolved with their precision;
- ``candidates``: names that may be new actors or aliases;
- ``events``: dated sentences proposed as draft events;
- ``layout``: graph layout and its quality measures.
"""
