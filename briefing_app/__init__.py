"""Briefing desk: read sources, track alignments over time, hand over a sourced briefing."""

__version__ = "0.1.0"
# Reverse-DNS application id: the .desktop file, AppStream metainfo and window identity.
APP_ID = "org.briefingdesk.BriefingDesk"
