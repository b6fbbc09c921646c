"""Gzip answers for kept pages, compressed once when the page is kept.

A page with tokens in it (the cookie banner's CSRF token is on every page) is
compressed in pieces: each stretch of the page between two tokens on its own
(`compress`), ending at a byte boundary, so no piece refers back into another.
Each answer puts the visitor's own tokens between the pieces as stored blocks,
deflate's uncompressed blocks (`gzip_answer`). So:
- the size of an answer never depends on a token's value, and no token is ever
  compressed against the page's text or a previous token: there is nothing for a
  BREACH-style attack to measure (and the tokens are fresh per answer anyway);
- the page's text is compressed once, not per answer; the only work per answer
  over the whole page is the gzip trailer's checksum.
"""

import struct
import zlib

# RFC 1952: gzip magic, deflate, no flags, no modification time, no extra flags, OS unknown.
_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"
_RAW_DEFLATE = -zlib.MAX_WBITS  # deflate data without a zlib header: gzip adds its own
_STORED_BLOCK_MAX = 0xFFFF


def compress(pieces: list[bytes]) -> list[bytes]:
    """Each piece as raw deflate data of its own, ending on a byte boundary (a full
    flush starts every piece afresh), the last one ending the stream."""
    compressed = []
    for number, piece in enumerate(pieces, start=1):
        compressor = zlib.compressobj(9, zlib.DEFLATED, _RAW_DEFLATE)
        end = zlib.Z_FINISH if number == len(pieces) else zlib.Z_FULL_FLUSH
        compressed.append(compressor.compress(piece) + compressor.flush(end))
    return compressed


def _stored_block(value: bytes) -> bytes:
    """`value` as a stored deflate block, not the last: a header byte (on a byte
    boundary: BFINAL 0, BTYPE 00, then padding), its length and the length's complement."""
    if len(value) > _STORED_BLOCK_MAX:
        raise ValueError("a stored block holds at most 65,535 bytes")
    return b"\x00" + struct.pack("<HH", len(value), len(value) ^ 0xFFFF) + value


def gzip_answer(compressed: list[bytes], pieces: list[bytes], values: list[bytes]) -> bytes:
    """A gzip body for the page `pieces` with `values` between them (one fewer
    value than pieces), from the pieces compressed by `compress`."""
    parts = [_HEADER]
    checksum = 0
    size = 0
    for number, (packed, piece) in enumerate(zip(compressed, pieces, strict=True)):
        parts.append(packed)
        checksum = zlib.crc32(piece, checksum)
        size += len(piece)
        if number < len(values):
            value = values[number]
            parts.append(_stored_block(value))
            checksum = zlib.crc32(value, checksum)
            size += len(value)
    parts.append(struct.pack("<II", checksum, size & 0xFFFFFFFF))
    return b"".join(parts)
