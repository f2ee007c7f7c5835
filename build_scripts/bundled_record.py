"""Write the bundled speech's parsed record, resources/speech.marshal (see core/doc_cache.py).

    python build_scripts/bundled_record.py

Run it after a change to the parser that changes how the speech is read (its text, tree,
details or the text as shown): ``tests/core/test_doc_cache.py`` fails until then.  The
record is committed, like the compiled translations, so a plain ``pip install .`` has it.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop_app.core.doc_cache import BUNDLED_RECORD, write_bundled_record  # noqa: E402

SPEECH = ROOT / "resources" / "speech.txt"


def main() -> int:
    target = SPEECH.with_name(BUNDLED_RECORD)
    write_bundled_record(SPEECH, target)
    print(f"{target.relative_to(ROOT)}: {target.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
