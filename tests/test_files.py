from __future__ import annotations

import os
from pathlib import Path

import pytest

from partnerkit.errors import InputError
from partnerkit.files import write_text_atomic


def test_new_file_gets_umask_permissions(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_text_atomic(tmp_path / "a.yaml", "x: 1\n")
    finally:
        os.umask(old)
    assert (tmp_path / "a.yaml").stat().st_mode & 0o777 == 0o644
    assert (tmp_path / "a.yaml").read_text() == "x: 1\n"


def test_replaced_file_keeps_its_permissions_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "a.yaml"
    target.write_text("old\n")
    target.chmod(0o640)
    write_text_atomic(target, "new\n", force=True)
    assert target.stat().st_mode & 0o777 == 0o640
    assert target.read_text() == "new\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.yaml"]


def test_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "a.yaml"
    target.write_text("keep\n")
    with pytest.raises(InputError, match="--force"):
        write_text_atomic(target, "new\n")
    assert target.read_text() == "keep\n"


def test_missing_directory_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="directory does not exist"):
        write_text_atomic(tmp_path / "nope" / "a.yaml", "x\n")
