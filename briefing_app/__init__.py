"""Briefing desk: read sources, track alignments over time, hand over a sourced briefing."""

__version__ = "0.1.0"
