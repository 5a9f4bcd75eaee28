"""Walk inputs (files, folders, .zip, .tar(.gz), .gz) and yield their bytes, one blob per file.

Archive members with absolute or ``..`` paths are refused; a truncated archive yields the
members read so far and then one error naming the archive.
"""
from __future__ import annotations

import gzip
import os
import tarfile
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Iterable, Iterator

from riwaya.errors import (EmptyInput, InputError, MalformedInput, TooLarge, UnreadableInput,
                           UnsafeArchiveMember)
from riwaya.model import Source

DEFAULT_MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class Limits:
    max_bytes: int = DEFAULT_MAX_BYTES


@dataclass(frozen=True)
class Blob:
    source: Source
    data: bytes
    name: str  # file or member name, for format sniffing


def _is_tar(name: str) -> bool:
    n = name.lower()
    return n.endswith((".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tar.xz"))


def _unsafe(member: str) -> bool:
    p = PurePosixPath(member.replace("\\", "/"))
    return p.is_absolute() or ".." in p.parts or (len(member) > 1 and member[1] == ":")


def iter_blobs(paths: Iterable[str], limits: Limits) -> Iterator[Blob | InputError]:
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for sub in sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")):
                yield from _file(sub, limits)
        else:
            yield from _file(path, limits)


def _file(path: Path, limits: Limits) -> Iterator[Blob | InputError]:
    name = str(path)
    if not path.exists():
        yield UnreadableInput(name, "no such file or folder")
        return
    if not path.is_file():
        yield UnreadableInput(name, "not a regular file")
        return
    lower = path.name.lower()
    try:
        if _is_tar(lower):
            yield from _tar(path, limits)
            return
        if lower.endswith(".zip"):
            yield from _zip(path, limits)
            return
        size = path.stat().st_size
        if lower.endswith(".gz") and not lower.endswith(".warc.gz"):
            yield from _gz(path, limits)
            return
        if size > limits.max_bytes:
            yield TooLarge(name, f"{size} bytes is over the limit of {limits.max_bytes}")
            return
        data = path.read_bytes()
    except PermissionError as err:
        yield UnreadableInput(name, f"permission denied ({err.strerror})")
        return
    except OSError as err:
        yield UnreadableInput(name, err.strerror or str(err))
        return
    if not data.strip():
        yield EmptyInput(name, "the file is empty")
        return
    yield Blob(Source(name), data, path.name)


def _gz(path: Path, limits: Limits) -> Iterator[Blob | InputError]:
    name = str(path)
    try:
        with gzip.open(path, "rb") as fh:
            data = fh.read(limits.max_bytes + 1)
    except (OSError, EOFError, zlib.error) as err:
        yield MalformedInput(name, f"not a readable gzip file ({err})")
        return
    if len(data) > limits.max_bytes:
        yield TooLarge(name, f"decompressed size is over the limit of {limits.max_bytes} bytes")
        return
    if not data.strip():
        yield EmptyInput(name, "the file is empty")
        return
    yield Blob(Source(name), data, path.name[:-3])


def _tar(path: Path, limits: Limits) -> Iterator[Blob | InputError]:
    name = str(path)
    try:
        tf = tarfile.open(path, "r|*")  # streaming: no seeking, constant memory
    except (tarfile.TarError, OSError, EOFError, zlib.error) as err:
        yield MalformedInput(name, f"not a readable tar archive ({err})")
        return
    try:
        with tf:
            for info in tf:
                member = info.name
                if not info.isfile():
                    if info.issym() or info.islnk():
                        yield UnsafeArchiveMember(name, "links inside archives are not followed", member)
                    continue
                if _unsafe(member):
                    yield UnsafeArchiveMember(name, "absolute or '..' path in archive member", member)
                    continue
                base = PurePosixPath(member).name
                if base.startswith("."):
                    continue
                if info.size > limits.max_bytes:
                    yield TooLarge(name, f"{info.size} bytes is over the limit of {limits.max_bytes}", member)
                    continue
                fh = tf.extractfile(info)
                data = fh.read() if fh else b""
                if not data.strip():
                    yield EmptyInput(name, "the member is empty", member)
                    continue
                yield Blob(Source(name, member), data, base)
    except (tarfile.TarError, OSError, EOFError, zlib.error) as err:
        yield UnsafeArchiveMember(name, f"truncated or corrupt archive ({err}); members before it were read")


def _zip(path: Path, limits: Limits) -> Iterator[Blob | InputError]:
    name = str(path)
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, EOFError) as err:
        yield MalformedInput(name, f"not a readable zip archive ({err})")
        return
    with zf:
        for info in zf.infolist():
            member = info.filename
            if info.is_dir():
                continue
            if _unsafe(member):
                yield UnsafeArchiveMember(name, "absolute or '..' path in archive member", member)
                continue
            base = PurePosixPath(member).name
            if base.startswith("."):
                continue
            if info.file_size > limits.max_bytes:
                yield TooLarge(name, f"{info.file_size} bytes is over the limit of {limits.max_bytes}", member)
                continue
            try:
                data = zf.read(info)
            except (zipfile.BadZipFile, OSError, EOFError, zlib.error) as err:
                yield MalformedInput(name, f"corrupt member ({err})", member)
                continue
            if not data.strip():
                yield EmptyInput(name, "the member is empty", member)
                continue
            yield Blob(Source(name, member), data, base)


def source_name(source: Source) -> str:
    return f"{source.path}!{source.member}" if source.member else source.path


__all__ = ["Blob", "Limits", "iter_blobs", "source_name", "InputError", "os"]
