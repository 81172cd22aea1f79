"""Test set-up shared by every test.

pytest-qt has no setting for the platform: without a display Qt aborts,
so tests always run offscreen. Settings (window layout, recent files), cache and
recovery files go to temporary folders so that tests neither read nor change the user's.
"""

import os
import tempfile
import textwrap
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="briefing-test-config-")
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="briefing-test-cache-")
os.environ["XDG_STATE_HOME"] = tempfile.mkdtemp(prefix="briefing-test-state-")

TINY_DOC_1 = (
    "Japan and South Korea agreed in Seoul to restore GSOMIA.\n\n"
    "The U.S. welcomed the step; Tokyo's envoy met President Yoon Suk Yeol (윤석열).\n"
    "Officials said the us-versus-them mood eased. Prime Minister 岸田文雄 spoke.\n"
)
TINY_DOC_2 = "North Korea fired missiles over Japan. Seoul and Washington condemned Pyongyang.\n"

TINY_YAML = textwrap.dedent(
    """\
    schema: 1
    briefing:
      title: Tiny test briefing
      classification: UNCLASSIFIED // TEST
      as_of: 2023-04-30
    entities:
    - {id: jpn, name: Japan, type: country, aliases: [Tokyo, Japanese, {text: 日本, case: exact}], country: JPN, lat: 35.68, lon: 139.69}
    - {id: kor, name: South Korea, type: country, aliases: [ROK, Seoul, South Korean], country: KOR, lat: 37.57, lon: 126.98}
    - {id: prk, name: North Korea, type: country, aliases: [DPRK, Pyongyang], country: PRK, lat: 39.03, lon: 125.75}
    - {id: usa, name: United States, type: country, aliases: [U.S., US, Washington], country: USA, lat: 38.9, lon: -77.04}
    - {id: yoon, name: Yoon Suk Yeol, type: person, aliases: [President Yoon Suk Yeol, {text: 윤석열, case: exact}], affiliation: kor}
    - {id: kishida, name: Fumio Kishida, type: person, aliases: [{text: 岸田文雄, case: exact}], affiliation: jpn}
    - {id: gsomia, name: GSOMIA, type: agreement}
    relations:
    - id: jpn-kor-gsomia
      kind: intelligence-sharing
      members: [jpn, kor]
      entity: gsomia
      states:
      - {state: active, from: 2016-11, to: 2019-08, evidence: [ann-1]}
      - {state: termination-notified, from: 2019-08, to: 2023-03, evidence: [ann-1]}
      - {state: restored, from: 2023-03, evidence: [ann-1]}
    - id: prk-threat
      kind: threat
      directed: true
      members: [prk, jpn]
      states:
      - {state: active, from: 2017, evidence: [ann-2]}
    events:
    - {id: ev-restore, date: 2023-03, title: GSOMIA restored, participants: [jpn, kor], evidence: [ann-1]}
    - {id: ev-launch, date: 2022, title: Missile launches over Japan, participants: [prk, jpn], evidence: [ann-2]}
    documents:
    - {id: doc-1, title: Seoul and Tokyo restore intelligence sharing, publisher: Test Wire, published: 2023-04-01, path: documents/doc1.txt, reliability: B2}
    - {id: doc-2, title: Launch condemned, publisher: Test Wire, published: 2022-10, published_estimated: true, path: documents/doc2.txt, reliability: C3}
    annotations:
    - id: ann-1
      document: doc-1
      tag: evidence
      selector: {exact: agreed in Seoul to restore GSOMIA, prefix: 'Japan and South Korea ', suffix: '.', start: 22, end: 55}
    - id: ann-2
      document: doc-2
      tag: key-judgment
      confidence: likely
      selector: {exact: North Korea fired missiles over Japan, start: 0, end: 37}
    """
)


def write_tiny_workspace(folder: Path) -> Path:
    """A small, valid workspace with two documents (CJK names included)."""
    (folder / "documents").mkdir(parents=True, exist_ok=True)
    (folder / "documents" / "doc1.txt").write_text(TINY_DOC_1, encoding="utf-8")
    (folder / "documents" / "doc2.txt").write_text(TINY_DOC_2, encoding="utf-8")
    path = folder / "tiny.briefing.yaml"
    path.write_text(TINY_YAML, encoding="utf-8")
    return path


@pytest.fixture
def tiny_workspace_path(tmp_path: Path) -> Path:
    return write_tiny_workspace(tmp_path)


@pytest.fixture
def tiny_workspace(tiny_workspace_path: Path):
    from briefing_app.model.io import load_workspace

    return load_workspace(tiny_workspace_path)


@pytest.fixture(scope="session")
def qapp(qapp_args):
    """The QApplication as the app makes it (settings file, translators), not pytest-qt's plain one."""
    from briefing_app.render.qt_app import create_application

    return create_application(list(qapp_args) or ["briefing-app-tests"])
