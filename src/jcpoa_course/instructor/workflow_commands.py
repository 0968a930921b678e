"""Subcommands of `jcpoa-course` (filled in by its owner)."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add this module's subcommands to the CLI."""
