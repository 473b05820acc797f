"""Golden outputs: what every chapter computes and says for 12 sentences, to prove a refactor changes nothing.

    python scripts/golden.py record DIR     write them into DIR (and DIR/hashes.json)
    python scripts/golden.py check DIR      record again into a temporary folder; list the files that differ

For each sentence (zh, en and mixed; 2 to 32 tokens): ``trace --chapter ID --json`` of every chapter (the chapters
with a model's attention with e5-small and with the lexicon), and each chapter's SRT at draft 16:9, made from a
scene build without video (the caption times of a build are the render's: animations advance the scene's clock
whether or not frames are drawn). A chapter that refuses a sentence records its one-line error instead.
``tests/golden/hashes.json`` holds the hashes recorded before issue 20's move.
"""

from __future__ import annotations

import hashlib
import json
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SENTENCES = (
    "猫 吃",
    "The cat sat",
    "我爱吃苹果",
    "那只在花园里追逐蝴蝶的小猫突然停下了脚步",
    "The animal did not cross the street because it was too tired",
    "The nurse told the doctor that she had worked all night and needed sleep",
    "小狗看见小猫在树下睡觉，就悄悄走过去陪它",
    "我 用 Python 写 了 一个 attention demo",
    'She said "yes" (twice), then left!',
    "The trophy did not fit in the suitcase because it was too big",
    "天空 里 的 鸟 飞过 树林 和 河流 回到 家 里 睡觉 了 很 久 然后 它 又 飞 走 了",
    "The old man said the dog was tired because it ran all day and then it slept by the warm fire until the cat "
    "came home late and woke it up again",
)
MODELS = ("e5-small", "lexicon")


def _traces(k: int) -> dict[str, str]:
    """Every chapter's ``trace --json`` text for sentence ``k``, by file name."""
    from attention_core import ExplainerError
    from scenes import CHAPTERS, get_chapter

    out = {}
    for cid in CHAPTERS:
        chapter = get_chapter(cid)
        for model in MODELS if chapter.models else (None,):
            name = f"trace/{cid}/{model or 'none'}/{k:02d}.json"
            try:
                data = chapter.data(SENTENCES[k], None, model, None, ())
            except ExplainerError as err:
                out[name] = f"error: {err}\n"
                continue
            out[name] = json.dumps({"chapter": cid, **data.to_dict()}, ensure_ascii=False, indent=2) + "\n"
    return out


def _srts(k: int) -> dict[str, str]:
    """Every chapter's SRT (draft, 16:9, the sentence's language) for sentence ``k``, by file name."""
    from attention_core import ExplainerError, detect_language
    from pipeline.subtitles import cues, to_srt
    from scenes import CHAPTERS
    from tests.scene_probe import build_chapter

    out, lang = {}, detect_language(SENTENCES[k])
    for cid in CHAPTERS:
        name = f"srt/{cid}/{k:02d}.{lang}.srt"
        with tempfile.TemporaryDirectory() as tmp:
            try:
                _, scene, _ = build_chapter(cid, SENTENCES[k], lang, Path(tmp), draw=False)
            except ExplainerError as err:
                out[name] = f"error: {err}\n"
                continue
        out[name] = to_srt(cues(tuple(scene.caption.log), scene.renderer.time))
    return out


def _one(k: int) -> dict[str, str]:
    return {**_traces(k), **_srts(k)}


def record(folder: Path, jobs: int = 2) -> dict[str, str]:
    """Write every golden file into ``folder`` and ``folder/hashes.json``; return the hashes by file name."""
    with ProcessPoolExecutor(jobs) as pool:
        files = {name: text for part in pool.map(_one, range(len(SENTENCES))) for name, text in part.items()}
    hashes = {}
    for name, text in sorted(files.items()):
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        hashes[name] = hashlib.sha256(text.encode()).hexdigest()
    (folder / "hashes.json").write_text(json.dumps(hashes, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return hashes


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ("record", "check"):
        print("usage: python scripts/golden.py record|check DIR", file=sys.stderr)
        return 2
    folder = Path(argv[1])
    if argv[0] == "record":
        hashes = record(folder)
        print(f"{len(hashes)} files in {folder}")
        return 0
    want = json.loads((folder / "hashes.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        got = record(Path(tmp))
    differ = sorted(n for n in want.keys() | got.keys() if want.get(n) != got.get(n))
    for name in differ:
        print(f"differs: {name}")
    print(f"{len(want) - len(differ)} of {len(want)} files are the same")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
