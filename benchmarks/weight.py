"""First view weight: the home page and everything it loads, as bytes on the wire.

Fetched from the production server with `Accept-Encoding: gzip, br` and no
decompression, so each response counts at the size it was sent (headers
included). What the page references directly (stylesheets, scripts, images,
icons) is always counted; what the stylesheets reference (fonts, background
images) is listed separately, as a browser fetches those only when a rule
that uses them matches.
"""

import http.client
import re
from urllib.parse import urljoin, urlsplit

PAGE_REFS = re.compile(r"""<(?:link|script|img|source)\b[^>]*?\b(?:href|src)=["']([^"'#]+)["']""", re.I)
CSS_REFS = re.compile(r"""url\(\s*["']?([^"')]+)["']?\s*\)""", re.I)


def fetch(base: str, path: str) -> tuple[int, bytes, dict]:
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    connection.request("GET", path, headers={"Accept-Encoding": "gzip, br", "Host": parts.hostname})
    response = connection.getresponse()
    body = response.read()
    header_bytes = len(f"HTTP/1.1 {response.status} {response.reason}\r\n") + sum(
        len(f"{name}: {value}\r\n") for name, value in response.getheaders()
    )
    info = {
        "path": path,
        "status": response.status,
        "encoding": response.getheader("Content-Encoding") or "none",
        "body_bytes": len(body),
        "bytes": len(body) + header_bytes + 2,
    }
    connection.close()
    return response.status, body, info


def _same_site(url: str) -> str | None:
    if url.startswith("data:") or url.startswith("//"):
        return None
    parts = urlsplit(url)
    if parts.scheme and parts.netloc:
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def first_view(base: str) -> dict:
    status, html, page = fetch(base, "/")
    if status != 200:
        raise RuntimeError(f"home page answered {status}")
    direct, from_css, seen = [page], [], {"/"}
    for ref in PAGE_REFS.findall(_text(html, page["encoding"])):
        path = _same_site(ref)
        if not path or path in seen:
            continue
        seen.add(path)
        _status, body, info = fetch(base, path)
        direct.append(info)
        if path.split("?")[0].endswith(".css"):
            raw = _text(body, info["encoding"])
            for css_ref in CSS_REFS.findall(raw):
                css_path = _same_site(urljoin(path, css_ref))
                if css_path and css_path not in seen:
                    seen.add(css_path)
                    from_css.append(fetch(base, css_path)[2])
    page_total = sum(item["bytes"] for item in direct)
    css_total = sum(item["bytes"] for item in from_css)
    return {
        "page_and_direct_assets_bytes": page_total,
        "assets_referenced_by_css_bytes": css_total,
        "total_bytes": page_total + css_total,
        "files": direct,
        "css_files": from_css,
    }


def _text(body: bytes, encoding: str) -> str:
    """A response's text, as sent (the counts above are of the bytes before this)."""
    if encoding == "gzip":
        import gzip

        body = gzip.decompress(body)
    elif encoding == "br":
        try:
            import brotli

            body = brotli.decompress(body)
        except ImportError:  # pragma: no cover - only when brotli is installed on the server
            return ""
    return body.decode("utf-8", "replace")
