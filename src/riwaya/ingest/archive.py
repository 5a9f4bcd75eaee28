"""Walk inputs (files, folders, .zip, .tar(.gz), .gz) and yield their bytes, one blob per file.

Archive members with absolute or ``..`` paths are refused; a truncated archive yields the
members read so far and then one error naming the archive.
"""
from __future__ import annotations

import gzip
import os
import stat
import tarfile
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from riwaya.errors import (
    EmptyInput,
    InputError,
    MalformedInput,
    TooLarge,
    UnreadableInput,
    UnsafeArchiveMember,
)
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
    file: Path | None = None  # a WARC on disk is streamed from here (``data`` is empty)


def is_warc(name: str) -> bool:
    return name.lower().endswith((".warc", ".warc.gz", ".arc", ".arc.gz"))


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
            yield from _folder(path, limits)
        else:
            yield from _file(path, limits)


def _folder(root: Path, limits: Limits) -> Iterator[Blob | InputError]:
    """Files under ``root`` in a stable order; hidden files and folders are skipped, unreadable
    folders reported."""
    failed: list[OSError] = []
    found: list[Path] = []
    for here, dirs, files in os.walk(root, onerror=failed.append):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(Path(here) / f for f in files if not f.startswith("."))
    for err in failed:
        yield UnreadableInput(str(err.filename or root), f"folder cannot be listed ({err.strerror or err})")
    for sub in sorted(found):
        yield from _file(sub, limits)


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
        with open(path, "rb"):
            pass
        if is_warc(lower):  # often gigabytes: streamed record by record, the limit applies per record
            yield Blob(Source(name), b"", path.name, file=path)
            return
        if _is_tar(lower):
            yield from _tar(path, limits)
            return
        if lower.endswith(".zip"):
            yield from _zip(path, limits)
            return
        size = path.stat().st_size
        if lower.endswith(".gz"):
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
        yield UnreadableInput(name, f"cannot be read ({err.strerror or err})")
        return
    if not data.strip():
        yield EmptyInput(name, "the file is empty" if not data else "the file holds only white space")
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


def gunzip_member(blob: Blob, limits: Limits) -> Blob:
    """A ``.gz`` file inside an archive, decompressed (bounded by the size limit)."""
    where, member = blob.source.path, blob.source.member
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        data = d.decompress(blob.data, limits.max_bytes + 1)
    except zlib.error as err:
        raise MalformedInput(where, f"not a readable gzip member ({err})", member) from None
    if len(data) > limits.max_bytes:
        raise TooLarge(where, f"decompressed size is over the limit of {limits.max_bytes} bytes", member)
    if not d.eof:
        raise MalformedInput(where, "truncated gzip member", member)
    if not data.strip():
        raise EmptyInput(where, "the member is empty", member)
    return Blob(blob.source, data, blob.name[:-3])


def is_archive(name: str) -> bool:
    n = name.lower()
    return _is_tar(n) or n.endswith(".zip")


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
        yield MalformedInput(name, f"truncated or corrupt archive ({err}); the members before it were read")
        return
    if getattr(tf.fileobj, "comptype", None) == "tar" and not _tar_ends_cleanly(path):
        yield MalformedInput(name, "truncated archive (no end-of-archive marker); the members before it were read")


def _tar_ends_cleanly(path: Path) -> bool:
    """An uncompressed tar ends with two zero blocks; one cut at a member boundary does not (a
    compressed one is checked by its compression layer)."""
    with open(path, "rb") as fh:
        fh.seek(0, os.SEEK_END)
        if fh.tell() < 1024:
            return False
        fh.seek(-1024, os.SEEK_END)
        return not fh.read(1024).strip(b"\0")


def _zip(path: Path, limits: Limits) -> Iterator[Blob | InputError]:
    name = str(path)
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as err:
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
            if stat.S_ISLNK(info.external_attr >> 16):
                yield UnsafeArchiveMember(name, "links inside archives are not followed", member)
                continue
            base = PurePosixPath(member).name
            if base.startswith("."):
                continue
            if info.file_size > limits.max_bytes:
                yield TooLarge(name, f"{info.file_size} bytes is over the limit of {limits.max_bytes}", member)
                continue
            try:
                data = zf.read(info)
            except (zipfile.BadZipFile, OSError, EOFError, zlib.error, ValueError) as err:
                yield MalformedInput(name, f"corrupt member ({err})", member)
                continue
            except (RuntimeError, NotImplementedError) as err:  # encrypted, unsupported compression
                yield UnreadableInput(name, f"member cannot be read ({err})", member)
                continue
            if not data.strip():
                yield EmptyInput(name, "the member is empty", member)
                continue
            yield Blob(Source(name, member), data, base)


def source_name(source: Source) -> str:
    return f"{source.path}!{source.member}" if source.member else source.path


__all__ = ["Blob", "Limits", "gunzip_member", "is_archive", "is_warc", "iter_blobs", "source_name"]
