"""Drawing with Qt, with or without a window: the layer both ``ui/`` and ``export/`` use.

- ``qt_app``: the one QApplication (offscreen for headless work);
- ``settings``: where ``QSettings()`` writes (one INI file under the app id);
- ``translations``: Qt's and the app's catalogues for the system language;
- ``map``: the map/graph scene, its items and styles, and ``render_map_image``;
- ``timeline``: the pyqtgraph timeline view, its axes and layers, and
  ``render_timeline_image``.

The PDF's figures come from here, so ``export/`` never imports ``ui/``.
"""
