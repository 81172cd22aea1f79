"""Child process for test_kill_during_save: save a workspace in a loop until killed.

Usage: python save_loop_child.py WORKSPACE TEXT_A TEXT_B
Alternates between two canonical texts (versions A and B) through the app's
save path after serialisation (``write_text_atomic``: temp file, fsync,
``.bak`` copy, rename). Prints "ready" after the first save, then saves
forever.
"""

import sys
from pathlib import Path

from briefing_app.model.io import write_text_atomic


def main() -> None:
    path = Path(sys.argv[1])
    texts = [Path(p).read_text(encoding="utf-8") for p in sys.argv[2:4]]
    write_text_atomic(path, texts[0])
    print("ready", flush=True)
    i = 0
    while True:
        i += 1
        write_text_atomic(path, texts[i % 2])


if __name__ == "__main__":
    main()
