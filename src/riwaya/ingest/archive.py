"""Walk inputs (files, folders, .zip, .tar(.gz), .gz) and yield their bytes, one blob per file.

Archive members with absolute or ``..`` paths are refused; a truncated archive yields the
members read so far and then one error naming the archive. An archive is read up to
``Limits.max_archive_bytes`` expanded bytes and ``Limits.max_members`` members, then one error
names it. A symbolic link inside an input folder is followed only when it points inside the folder
(unless ``Limits.follow_links``); one pointing outside is refused with its target. Names whose
bytes are not UTF-8 are stored and shown in an escaped form (``nom\\xff.txt``).
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
    UnsafeLink,
)
from riwaya.escape import printable_name
from riwaya.model import Source

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
DEFAULT_MAX_ARCHIVE_BYTES = 1024 * 1024 * 1024
DEFAULT_MAX_MEMBERS = 200_000


@dataclass(frozen=True)
class Limits:
    max_bytes: int = DEFAULT_MAX_BYTES  # one file, archive member or WARC record
    max_archive_bytes: int = DEFAULT_MAX_ARCHIVE_BYTES  # all members of one archive, expanded
    max_members: int = DEFAULT_MAX_MEMBERS  # files in one archive
    follow_links: bool = False  # follow symbolic links in input folders that point outside them


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
        path = Path(os.fsdecode(raw))
        if path.is_dir():
            yield from _folder(path, limits)
        else:
            yield from _file(path, limits)


class _Members:
    """Counts an archive's members and expanded bytes against the limits."""

    def __init__(self, name: str, limits: Limits):
        self.name, self.limits, self.members, self.bytes = name, limits, 0, 0

    def over(self, size: int, member: str) -> TooLarge | None:
        """The error that ends the archive when one more member of ``size`` bytes would pass a limit."""
        self.members += 1
        self.bytes += size
        lim = self.limits
        if self.members > lim.max_members:
            return TooLarge(self.name, f"archive has more than {lim.max_members} members (max_members); "
                            "the members from this one on were not read", member)
        if self.bytes > lim.max_archive_bytes:
            return TooLarge(self.name, f"archive expands to more than {lim.max_archive_bytes} bytes "
                            "(max_archive_bytes); the members from this one on were not read", member)
        return None


def _inside(path: Path, root: Path) -> bool:
    try:
        return Path(os.path.realpath(path)).is_relative_to(os.path.realpath(root))
    except (OSError, ValueError):
        return False


def _link_error(path: Path, root: Path, limits: Limits) -> UnsafeLink | None:
    """Why the symbolic link ``path`` in the folder ``root`` is not followed, or None."""
    if limits.follow_links or _inside(path, root):
        return None
    try:
        target = os.readlink(path)
    except OSError:
        target = "?"
    return UnsafeLink(str(path), f"symbolic link to {target}, outside the input folder: not followed "
                      "(follow_links allows it)")


def _folder(root: Path, limits: Limits) -> Iterator[Blob | InputError]:
    """Files under ``root`` in a stable order; hidden files and folders are skipped, unreadable
    folders reported; links are followed only inside ``root`` (each folder at most once)."""
    failed: list[OSError] = []
    found: list[Path] = []
    refused: list[UnsafeLink] = []
    seen: set[str] = set()
    for here, dirs, files in os.walk(root, onerror=failed.append, followlinks=limits.follow_links):
        real = os.path.realpath(here)
        if real in seen:  # a link loop, or a folder reached twice through links
            dirs[:] = []
            continue
        seen.add(real)
        keep = []
        for d in sorted(d for d in dirs if not d.startswith(".")):
            sub = Path(here) / d
            if sub.is_symlink():
                err = _link_error(sub, root, limits)
                if err:
                    refused.append(err)
                    continue
                if not limits.follow_links:
                    continue  # a link inside the folder: its files are read where they are
            keep.append(d)
        dirs[:] = keep
        for f in files:
            if f.startswith("."):
                continue
            sub = Path(here) / f
            err = _link_error(sub, root, limits) if sub.is_symlink() else None
            if err:
                refused.append(err)
            else:
                found.append(sub)
    for err in failed:
        yield UnreadableInput(os.fsdecode(err.filename or root), f"folder cannot be listed ({err.strerror or err})")
    yield from refused
    for sub in sorted(found):
        yield from _file(sub, limits)


def _file(path: Path, limits: Limits) -> Iterator[Blob | InputError]:
    name = printable_name(str(path))
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
            yield from _tar(path, name, limits)
            return
        if lower.endswith(".zip"):
            yield from _zip(path, name, limits)
            return
        size = path.stat().st_size
        if lower.endswith(".gz"):
            yield from _gz(path, name, limits)
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


def _gz(path: Path, name: str, limits: Limits) -> Iterator[Blob | InputError]:
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


def _tar(path: Path, name: str, limits: Limits) -> Iterator[Blob | InputError]:
    count = _Members(name, limits)
    try:
        tf = tarfile.open(path, "r|*")  # streaming: no seeking, constant memory
    except (tarfile.TarError, OSError, EOFError, zlib.error) as err:
        yield MalformedInput(name, f"not a readable tar archive ({err})")
        return
    try:
        with tf:
            for info in tf:
                member = printable_name(info.name)
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
                stop = count.over(info.size, member)
                if stop:
                    yield stop
                    return
                fh = tf.extractfile(info)
                data = fh.read(limits.max_bytes + 1) if fh else b""
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


def _zip(path: Path, name: str, limits: Limits) -> Iterator[Blob | InputError]:
    count = _Members(name, limits)
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as err:
        yield MalformedInput(name, f"not a readable zip archive ({err})")
        return
    with zf:
        for info in zf.infolist():
            member = printable_name(info.filename)
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
            stop = count.over(info.file_size, member)
            if stop:
                yield stop
                return
            try:
                with zf.open(info) as fh:  # reads at most the declared size, which was checked
                    data = fh.read(limits.max_bytes + 1)
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
