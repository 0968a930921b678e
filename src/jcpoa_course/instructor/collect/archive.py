"""Unpacking a submissions ``.zip`` without trusting it.

The archive comes from an LMS, but its files come from students, and an instructor may be sent
one by anyone. It is refused as a whole, before anything is written, when its central directory
(the table of contents at the end of a zip) shows:

- an entry whose path leaves the folder it is unpacked into (``../``, an absolute path);
- an entry that is a symbolic link (or a device, a pipe: anything but a file or a folder);
- more entries, or more bytes once unpacked, than :class:`ArchiveLimits` allows;
- an entry that expands more than ``max_ratio`` times its compressed size: a zip bomb. Entries
  under ``ratio_floor_bytes`` are exempt, since a small file cannot fill a disk however well
  it compresses.

The sizes in that table are written by whoever made the archive, so they are counted again while
unpacking: an entry that yields more bytes than it declared, or bytes that do not match its
checksum, stops the unpacking with the same kind of message.
"""

from __future__ import annotations

import stat
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from ..course import CourseError

CHUNK = 1 << 16
MB = 1 << 20


@dataclass(frozen=True)
class ArchiveLimits:
    """How far an archive may expand; the defaults fit a class of a few hundred notebooks."""

    max_total_bytes: int = 1024 * MB
    max_ratio: float = 100.0
    max_entries: int = 10_000
    ratio_floor_bytes: int = 1 * MB


DEFAULT_LIMITS = ArchiveLimits()


def unpack(archive: Path, target: Path, limits: ArchiveLimits = DEFAULT_LIMITS) -> None:
    """Unpack ``archive`` into the folder ``target`` after the checks above; a refusal names the entry."""
    try:
        with zipfile.ZipFile(archive) as bundle:
            entries = bundle.infolist()
            _check_table(archive, target, entries, limits)
            for entry in entries:
                _extract(archive, bundle, entry, target)
    except zipfile.BadZipFile as err:
        raise CourseError(f"{archive}: not a folder nor a valid zip file ({err})") from err


def _check_table(archive: Path, target: Path, entries: list[zipfile.ZipInfo], limits: ArchiveLimits) -> None:
    if len(entries) > limits.max_entries:
        raise CourseError(f"{archive}: {len(entries)} entries, more than the limit of {limits.max_entries}; "
                          "refused. Raise --max-files if you trust this archive.")
    for entry in entries:
        problem = _entry_problem(target, entry, limits)
        if problem:
            raise CourseError(f"{archive}: entry '{entry.filename}' {problem}; the archive is refused")
    total = sum(entry.file_size for entry in entries)
    if total > limits.max_total_bytes:
        largest = max(entries, key=lambda entry: entry.file_size)
        raise CourseError(
            f"{archive}: its entries would expand to {_size(total)}, past the limit of "
            f"{_size(limits.max_total_bytes)} (largest entry: '{largest.filename}', {_size(largest.file_size)}); "
            "refused. Raise --max-unzipped-mb if you trust this archive."
        )


def _entry_problem(target: Path, entry: zipfile.ZipInfo, limits: ArchiveLimits) -> str | None:
    if not (target / entry.filename).resolve().is_relative_to(target.resolve()):
        return "is unsafe: it points outside the archive"
    mode = entry.external_attr >> 16  # the Unix file type and permissions, when a Unix tool wrote the zip
    if stat.S_ISLNK(mode):
        return "is a symbolic link, which collect never follows"
    if stat.S_IFMT(mode) not in (0, stat.S_IFREG, stat.S_IFDIR):
        return "is not a plain file or folder (a device or a pipe)"
    ratio = entry.file_size / max(entry.compress_size, 1)
    if entry.file_size >= limits.ratio_floor_bytes and ratio > limits.max_ratio:
        return (f"would expand {ratio:.0f} times ({_size(entry.compress_size)} to {_size(entry.file_size)}), "
                f"past the limit of {limits.max_ratio:g}: a zip bomb? Raise --max-ratio if you trust this archive")
    return None


def _extract(archive: Path, bundle: zipfile.ZipFile, entry: zipfile.ZipInfo, target: Path) -> None:
    """Copy one entry out, counting the bytes it really yields against the size it declared.

    Python's zipfile already stops at the declared size and then checks the CRC; counting here
    too keeps the limit ours, whatever the library does. Each entry within its declared size
    keeps the total within the limit :func:`_check_table` checked.
    """
    path = target / entry.filename
    if entry.is_dir():
        path.mkdir(parents=True, exist_ok=True)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    try:
        with bundle.open(entry) as source, open(path, "wb") as sink:
            while chunk := source.read(CHUNK):
                written += len(chunk)
                if written > entry.file_size:
                    raise CourseError(f"{archive}: entry '{entry.filename}' yields more bytes than its header "
                                      "declares; the archive is forged or damaged and is refused")
                sink.write(chunk)
    except (zipfile.BadZipFile, zlib.error, EOFError) as err:
        raise CourseError(f"{archive}: entry '{entry.filename}' does not match its header ({err}); "
                          "the archive is forged or damaged and is refused") from err
    except (RuntimeError, NotImplementedError) as err:  # encrypted, or a compression zipfile cannot read
        raise CourseError(f"{archive}: entry '{entry.filename}' cannot be unpacked ({err})") from err


def _size(count: int) -> str:
    return f"{count / MB:.1f} MB" if count >= MB / 10 else f"{count / 1024:.1f} kB"

