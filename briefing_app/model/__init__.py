"""The workspace data model, pure Python (no Qt): what a briefing is, on disk and in memory.

- ``types``: frozen dataclasses (Workspace, Entity, Relation, Event, Document,
  Annotation ...); ``dates``: partial dates with their precision;
- ``io``: load and save a workspace (atomic, with ``.bak``), read documents;
  ``yaml_source``/``parse``: safe YAML with positions; ``serialize``: the
  canonical form; ``parse_cache``: parsed snapshots keyed by the file's hash;
- ``validate``/``problems``: every problem as ``file:line:col``;
- ``edits``/``annotations``: pure edit functions; ``queries``: state at a date.
"""
