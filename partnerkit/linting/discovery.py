"""Which config file applies to a linted file: found upward, loaded once, settled with the caller's.

A configuration lives in ``.partnerkit.yaml`` or in the ``[tool.partnerkit]`` table of
``pyproject.toml``::

    extends: default            # or strict
    rules:
      unresolved-reference: warning          # short forms: enable | disable | a level
      some-rule: {enable: true, level: info, options: {max-items: 3}}
    ignore: [drafts/, "**/*.generated.yaml"]  # paths not to lint, relative to this file

It is found upward from each linted file: the nearest directory with ``.partnerkit.yaml`` (or
else a ``pyproject.toml`` that has the table) wins; the search stops at the filesystem root or
at a directory that contains ``.git``. Each config file is loaded once (:class:`ConfigResolver`
caches by path); :mod:`partnerkit.linting.config_file` loads and validates one file.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from partnerkit.linting.config import LintConfig, Preset, check_rule_ids, resolve_settings
from partnerkit.linting.config_file import FileConfig, load_config, read_pyproject_table
from partnerkit.linting.paths import absolute

CONFIG_FILENAME = ".partnerkit.yaml"
PYPROJECT = "pyproject.toml"


class ConfigResolver:
    """The configuration of each linted file: discovered upward, or one explicit file.

    The caller's rule selection (``select``: only these rules; ``ignore``: not these) and
    ``warn_unused_suppressions`` apply on top of whichever file is found; an id that names no
    rule raises :class:`~partnerkit.errors.RuleSelectionError`. Lookups and loaded files are
    cached, so a directory of contracts costs one search and one load per config file.
    """

    def __init__(
        self,
        config_file: str | os.PathLike[str] | None = None,
        *,
        select: Iterable[str] | None = None,
        ignore: Iterable[str] = (),
        warn_unused_suppressions: bool = False,
    ) -> None:
        self.select = None if select is None else check_rule_ids(select)
        self.deselect = check_rule_ids(ignore)
        self.warn_unused_suppressions = warn_unused_suppressions
        self._explicit = None if config_file is None else load_config(Path(config_file))
        self._found: dict[Path, Path | None] = {}
        self._tables: dict[Path, dict[str, Any] | None] = {}
        self._configs: dict[Path | None, LintConfig] = {}

    def __call__(self, path: Path) -> LintConfig:
        """Return the configuration that applies to the contract file ``path``."""
        if self._explicit is not None:
            return self._settle(None, self._explicit)
        found = self.find(absolute(path).parent)
        if found in self._configs:
            return self._configs[found]
        file_config = None
        if found is not None:
            table = self._tables.get(found) if found.name == PYPROJECT else None
            file_config = load_config(found, table=table)
        return self._settle(found, file_config)

    def find(self, directory: Path) -> Path | None:
        """Return the nearest config file at or above ``directory`` (``None`` if there is none)."""
        visited = []
        found: Path | None = None
        for candidate in (directory, *directory.parents):
            if candidate in self._found:
                found = self._found[candidate]
                break
            visited.append(candidate)
            if (candidate / CONFIG_FILENAME).is_file():
                found = candidate / CONFIG_FILENAME
                break
            pyproject = candidate / PYPROJECT
            if pyproject.is_file() and self._pyproject_table(pyproject) is not None:
                found = pyproject
                break
            if (candidate / ".git").exists():
                break
        for candidate in visited:
            self._found[candidate] = found
        return found

    def _pyproject_table(self, path: Path) -> dict[str, Any] | None:
        if path not in self._tables:
            self._tables[path] = read_pyproject_table(path)
        return self._tables[path]

    def _settle(self, key: Path | None, file_config: FileConfig | None) -> LintConfig:
        if key in self._configs:
            return self._configs[key]
        config = resolve_settings(
            file_config.extends if file_config else Preset.DEFAULT,
            file_config.rules if file_config else None,
            select=self.select,
            deselect=self.deselect,
            ignore=file_config.ignore if file_config else (),
            # patterns of an explicitly given config file are relative to the working directory
            root=None if file_config is None or key is None else file_config.root,
            source=file_config.source if file_config else None,
            warn_unused_suppressions=self.warn_unused_suppressions,
        )
        self._configs[key] = config
        return config
