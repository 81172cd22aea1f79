"""SIGKILL at random moments during saves never leaves a torn workspace file.

A child process saves a large workspace in a loop, alternating two versions;
it is killed with SIGKILL after a random delay, 20 times. After every kill
the file must be exactly version A or version B (never a mix, never empty),
and the ``.bak`` backup must exist and be one of them too. Both versions
parse back into the full workspace.
"""

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from briefing_app.model.io import read_workspace, save_workspace
from briefing_app.model.serialize import dump_workspace
from briefing_app.model.types import Alias, Briefing, Entity, Workspace

CHILD = Path(__file__).with_name("save_loop_child.py")
REPO = Path(__file__).resolve().parents[2]
N_ENTITIES = 1000  # ~0.5 MB of YAML: each save takes long enough to be cut short
KILLS = 20


def big_workspace(n: int, title: str) -> Workspace:
    """A workspace of ``n`` entities, about 300 bytes of YAML each."""
    entities = tuple(
        Entity(id=f"e{i:06d}", name=f"Entity {i} {title}", type="organization",
               aliases=(Alias(f"Alias {i}"), Alias(f"Other name {i}")),
               description=f"Description of entity {i}, version {title}. " * 2)
        for i in range(n)
    )
    return Workspace(briefing=Briefing(title=title), entities=entities)


def test_kill_during_save_leaves_old_or_new(tmp_path):
    path = tmp_path / "big.briefing.yaml"
    versions = {v: big_workspace(N_ENTITIES, v) for v in ("A", "B")}
    texts = {v: dump_workspace(ws) for v, ws in versions.items()}
    for v, text in texts.items():
        (tmp_path / f"{v}.txt").write_text(text, encoding="utf-8")
    expected = {text: v for v, text in texts.items()}
    save_workspace(versions["A"], path)  # the real save path once: the start state is version A
    assert path.read_text(encoding="utf-8") == texts["A"]
    rng = random.Random(8)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    seen = []
    for _ in range(KILLS):
        child = subprocess.Popen([sys.executable, str(CHILD), str(path), str(tmp_path / "A.txt"),
                                  str(tmp_path / "B.txt")],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        try:
            line = child.stdout.readline()
            assert line.strip() == "ready", child.stderr.read()
            time.sleep(rng.uniform(0.0, 0.08))
        finally:
            child.send_signal(signal.SIGKILL)
            child.wait(10)
            child.stdout.close()
            child.stderr.close()
        assert child.returncode == -signal.SIGKILL
        text = path.read_text(encoding="utf-8")
        assert text in expected, "the workspace file is neither the old nor the new version"
        seen.append(expected[text])
        bak = path.with_name(path.name + ".bak")
        assert bak.read_text(encoding="utf-8") in expected
    # The kills interrupted different saves: both versions were found on disk.
    assert set(seen) == {"A", "B"}
    # A kill mid-write can leave its temp file: hidden, never mistaken for the workspace.
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert all(name.startswith(".big.briefing.yaml.") for name in leftovers)
    print(f"{len(leftovers)} temp file(s) left by {KILLS} kills")
    for v in ("A", "B"):
        path.write_text(texts[v], encoding="utf-8")
        result = read_workspace(path, check_files=False)
        assert result.workspace is not None and not result.blocking
        assert result.workspace.briefing.title == v and len(result.workspace.entities) == N_ENTITIES
