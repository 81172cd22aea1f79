"""The window's start-up runs without cycle collection; the collector resumes once the loop runs."""

from __future__ import annotations

import gc

from briefing_app.render.qt_app import resume_gc_when_running


def test_the_cycle_collector_resumes_once_the_event_loop_runs(qtbot):
    # (the freeze stays: thawing would hand every object frozen so far back to the collector)
    gc.disable()
    try:
        resume_gc_when_running()
        assert not gc.isenabled()  # still paused until the loop turns
        qtbot.waitUntil(gc.isenabled)
        assert gc.get_freeze_count() > 0  # start-up's objects are kept out of later scans
    finally:
        gc.enable()
