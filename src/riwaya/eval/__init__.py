"""``riwaya eval ...``: each module here scores one stage on real data and defines ``command``."""

import os
from pathlib import Path


def shared(*parts: str) -> str:
    """A path under the shared evaluation data: $RIWAYA_SHARED, else ``../shared`` beside the checkout."""
    root = os.environ.get("RIWAYA_SHARED") or Path(__file__).resolve().parents[3].parent / "shared"
    return str(Path(root).joinpath(*parts))


ANT_ARCHIVE = shared("corpora", "ant-2018.tar.gz")
