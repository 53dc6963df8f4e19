"""The one build step pyproject.toml cannot declare: copy the bundled table and the question set from their source
of truth (data/, eval/) into the package (index/data/), so that a wheel carries them and reads them through
importlib.resources. Everything else is in pyproject.toml."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
# the same table as index/resources.py's BUNDLED_FILES (not imported: the build must not import the package)
BUNDLED_FILES = {"sesakushu_2021.tsv": "data/sesakushu_2021.tsv", "questions.jsonl": "eval/questions.jsonl"}


class BuildWithData(build_py):
    """build_py, then the bundled files copied into the built package's data/ folder."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):  # an editable install reads data/ and eval/ in the checkout
            return
        target = Path(self.build_lib) / "index" / "data"
        target.mkdir(parents=True, exist_ok=True)
        for name, source in BUNDLED_FILES.items():
            shutil.copyfile(HERE / source, target / name)


setup(cmdclass={"build_py": BuildWithData})
