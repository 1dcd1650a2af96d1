"""The store: documents, runs, input progress and errors, one commit per document."""

from __future__ import annotations

import sqlite3
import time
from datetime import datetime, timezone
from typing import Any, Iterable, Iterator

from sqlalchemy import create_engine, delete, event, func, select, tuple_
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from narrascope import __version__
from narrascope.errors import Errors, StoreError
from narrascope.store import neardup
from narrascope.store.schema import Base, DocBand, DocError, DocEvent, Document, Input, Run
from narrascope.store import corpus_tables  # noqa: F401,E402 - registers the corpus tables on Base

DEFAULT_URL = "sqlite:///narrascope.db"


def normalise_url(url: str | None) -> str:
    """Accept a bare file path as an SQLite database; `postgresql://` uses psycopg 3."""
    if not url:
        return DEFAULT_URL
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    if "://" not in url:
        return f"sqlite:///{url}"
    return url


#: how long a connection waits for another one's lock (SQLite's busy handler), and the bound
#: of the WAL switch's own retries (`_switch_to_wal`)
BUSY_TIMEOUT_S = 30.0


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # pysqlite's own transaction handling is switched off (isolation_level None) so that
    # `_sqlite_begin` decides how a transaction starts.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    # WAL lets a reader (the web app) and a writer work at once; busy_timeout lets two
    # `analyze` processes on one file wait for each other instead of failing.
    cur.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")
    _switch_to_wal(cur)
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def _switch_to_wal(cur: Any) -> None:
    """`PRAGMA journal_mode=WAL`, tried again while another connection holds the write lock.

    On a file not in WAL mode yet (a new database), the switch reads page 1 under a shared
    lock, then upgrades to the write lock to mark the file as WAL. When another connection
    already holds the write lock (the other `analyze` switching the same new file, or any
    writer in rollback mode), SQLite refuses that upgrade at once with SQLITE_BUSY and does not
    call the busy handler: the other connection needs our shared lock gone before it can
    commit, so waiting while holding it would deadlock. The failed statement has released our
    lock; trying again lets the other connection finish, after which the file is in WAL mode
    and the pragma only reads (no upgrade, so no refusal). This is the "database is locked"
    (E031 at open) that two runs starting on one new file met; SQLite's busy handler cannot
    cover it, hence the retry here, bounded by the busy timeout. Any other error is raised."""
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    delay = 0.005
    while True:
        try:
            cur.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            # the low byte is the primary code: SQLITE_BUSY and its extended variants
            busy = ((getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF) == sqlite3.SQLITE_BUSY
            if not busy or time.monotonic() + delay > deadline:
                raise
        time.sleep(delay)
        delay = min(delay * 2, 0.2)


def _sqlite_begin(conn: Any) -> None:
    """Writes take the write lock up front (BEGIN IMMEDIATE), so a transaction that read
    first never has to upgrade its lock: with two writers on one file, a deferred
    transaction's upgrade fails at once with "database is locked" instead of waiting."""
    immediate = conn.get_execution_options().get("narrascope_write")
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


class Store:
    def __init__(self, url: str | None = None, *, create: bool = True) -> None:
        self.url = normalise_url(url)
        try:
            kwargs: dict[str, Any] = {"future": True}
            if self.url.startswith("sqlite"):
                kwargs["connect_args"] = {"timeout": BUSY_TIMEOUT_S}
            else:
                kwargs["pool_pre_ping"] = True
            self.engine: Engine = create_engine(self.url, **kwargs)
            if self.url.startswith("sqlite"):
                event.listen(self.engine, "connect", _sqlite_pragmas)
                event.listen(self.engine, "begin", _sqlite_begin)
            self._write_engine = self.engine.execution_options(narrascope_write=True)
            if create:
                self._create_schema()
        except (SQLAlchemyError, OSError) as exc:
            raise StoreError(Errors.E031.format(url=self.safe_url, detail=_short(exc))) from exc
        self.Session = sessionmaker(self.engine, expire_on_commit=False)
        self.WriteSession = sessionmaker(self._write_engine, expire_on_commit=False)

    def _create_schema(self) -> None:
        # Two processes starting on a new database race to create the tables: SQLite
        # serialises them (BEGIN IMMEDIATE); on PostgreSQL the loser retries and finds them.
        for attempt in range(3):
            try:
                with self._write_engine.begin() as conn:
                    Base.metadata.create_all(conn)
                return
            except (IntegrityError, DBAPIError):
                if attempt == 2 or self.url.startswith("sqlite"):
                    raise
                time.sleep(0.2 * (attempt + 1))

    @property
    def safe_url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True) if hasattr(self, "engine") else self.url

    @property
    def write_engine(self) -> Engine:
        """The engine to write with outside `Store`'s own methods: on SQLite its transactions
        start with BEGIN IMMEDIATE, so they wait for another writer instead of failing with
        "database is locked" when they read before writing. Same pool as `engine`."""
        return self._write_engine

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def session(self) -> Session:
        return self.Session()

    def _write(self, fn, *args: Any) -> Any:
        """Run `fn(session, *args)` in one transaction; storage failures become StoreError."""
        try:
            with self.WriteSession.begin() as session:
                return fn(session, *args)
        except IntegrityError:
            raise
        except (DBAPIError, OSError) as exc:
            raise StoreError(Errors.E030.format(url=self.safe_url, detail=_short(exc))) from exc

    def _read(self, fn, *args: Any) -> Any:
        """Run `fn(session, *args)` for reading; a database that cannot be read is E031."""
        try:
            with self.session() as session:
                return fn(session, *args)
        except (DBAPIError, OSError) as exc:
            raise StoreError(Errors.E031.format(url=self.safe_url, detail=_short(exc))) from exc

    # runs ---------------------------------------------------------------------------------
    def start_run(self, command: dict[str, Any], model: str | None) -> int:
        def fn(s: Session) -> int:
            run = Run(command=command, model=model, version=__version__)
            s.add(run)
            s.flush()
            return run.id
        return self._write(fn)

    def finish_run(self, run_id: int, counts: dict[str, int], status: str = "finished") -> None:
        def fn(s: Session) -> None:
            run = s.get(Run, run_id)
            if run:
                run.finished_at = datetime.now(timezone.utc)
                run.counts = counts
                run.status = status
        self._write(fn)

    # inputs -------------------------------------------------------------------------------
    def done_keys(self, keys: Iterable[str]) -> set[str]:
        return set(self.done_inputs(keys))

    def done_inputs(self, keys: Iterable[str]) -> dict[str, str | None]:
        """Input keys already finished (any status but `error`) -> their document id."""
        keys = list(keys)

        def fn(s: Session) -> dict[str, str | None]:
            out: dict[str, str | None] = {}
            for i in range(0, len(keys), 500):
                rows = s.execute(select(Input.key, Input.doc_id).where(Input.key.in_(keys[i:i + 500]),
                                                                       Input.status != "error"))
                out.update((k, d) for k, d in rows)
            return out
        return self._read(fn)

    def input_status(self, key: str) -> str | None:
        with self.session() as s:
            row = s.get(Input, key)
            return row.status if row else None

    def record_failure(self, *, run_id: int | None, key: str, source: str, record: str | None,
                       fmt: str, stage: str, message: str) -> None:
        """An input that yielded no document: status `error`, retried by the next run."""
        def fn(s: Session) -> None:
            self._upsert_input(s, key=key, source=source, record=record, format=fmt, status="error",
                               error=message, run_id=run_id, doc_id=None)
            s.add(DocError(run_id=run_id, input_key=key, stage=stage, message=message))
        self._write(fn)

    # documents ----------------------------------------------------------------------------
    def has_document(self, doc_id: str) -> bool:
        with self.session() as s:
            return s.get(Document, doc_id) is not None

    def save_document(self, document: dict[str, Any], *, run_id: int | None, key: str, source: str,
                      record: str | None, fmt: str, status: str = "done") -> str:
        """Store one analysed document and mark its input done, in one transaction.

        Returns `new`, `existing` (same content hash already stored: a no-op) or
        `near_duplicate` (stored and marked).
        """
        def fn(s: Session) -> str:
            outcome = "existing"
            if s.scalar(select(Document.id).where(Document.id == document["id"])) is None:
                outcome = self._insert_document(s, document, run_id)
            self._upsert_input(s, key=key, source=source, record=record, format=fmt, status=status,
                               doc_id=document["id"], run_id=run_id, error=None)
            for err in document.get("errors", []):
                if outcome != "existing":
                    s.add(DocError(run_id=run_id, input_key=key, doc_id=document["id"],
                                   stage=err["stage"], message=err["message"]))
            return outcome
        try:
            return self._write(fn)
        except IntegrityError:
            # another process stored the same document between our check and insert
            return self._write(lambda s: self._mark_input(s, document["id"], run_id, key, source, record, fmt, status))

    def _mark_input(self, s: Session, doc_id: str, run_id: int | None, key: str, source: str,
                    record: str | None, fmt: str, status: str) -> str:
        self._upsert_input(s, key=key, source=source, record=record, format=fmt, status=status, doc_id=doc_id,
                           run_id=run_id, error=None)
        return "existing"

    def _upsert_input(self, s: Session, **values: Any) -> None:
        """Insert or update one `inputs` row in one statement (no read first, no race
        between two writers on the same key)."""
        values["updated_at"] = datetime.now(timezone.utc)
        if self.dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert
        elif self.dialect == "sqlite":
            from sqlalchemy.dialects.sqlite import insert
        else:  # another backend: read, then insert or update
            s.merge(Input(**values))
            return
        stmt = insert(Input).values(**values)
        s.execute(stmt.on_conflict_do_update(index_elements=[Input.key],
                                             set_={k: stmt.excluded[k] for k in values if k != "key"}))

    def _insert_document(self, s: Session, document: dict[str, Any], run_id: int | None) -> str:
        sig = neardup.signature(document["text"])
        band_keys = neardup.bands(sig)
        dup_of, dup_score = None, None
        candidates = select(DocBand.doc_id).where(DocBand.band.in_(band_keys)).distinct()
        rows = s.execute(select(Document.id, Document.signature, Document.near_duplicate_of)
                         .where(Document.id.in_(candidates)).order_by(Document.id))
        for cand, other_sig, other_dup in rows:  # only the signatures, not the documents
            if other_sig is None:
                continue
            score = neardup.similarity(sig, other_sig)
            if score >= neardup.THRESHOLD and (dup_score is None or score > dup_score):
                dup_of, dup_score = other_dup or cand, score
        url = (document.get("input") or {}).get("url")
        s.add(Document(
            id=document["id"], title=document.get("title"), author=document.get("author"),
            site=document.get("site"), url=url, published=document.get("published"),
            language=document.get("language") or "und", words=len(document["text"].split()),
            text=document["text"], data=document, signature=neardup.to_bytes(sig),
            near_duplicate_of=dup_of, near_duplicate_score=dup_score,
            pipeline_version=document.get("pipeline", {}).get("version", __version__), run_id=run_id))
        s.flush()
        s.add_all(DocBand(band=b, doc_id=document["id"]) for b in band_keys)
        self._add_events(s, document)
        return "near_duplicate" if dup_of else "new"

    @staticmethod
    def _add_events(s: Session, document: dict[str, Any]) -> None:
        for ev in document.get("events", []):
            loc = ev.get("location") or {}
            date = ev.get("date") or {}
            fat = ev.get("fatalities") or {}
            s.add(DocEvent(doc_id=document["id"], event_id=ev["id"], type=ev["type"],
                           date=date.get("value"), date_end=date.get("end"),
                           country_iso=loc.get("country_iso"), place=loc.get("name"),
                           lat=loc.get("lat"), lon=loc.get("lon"), fatalities=fat.get("value")))

    def replace_document(self, document: dict[str, Any]) -> None:
        """Overwrite a stored document's analysis (re-analysis with a newer pipeline)."""
        def swap(s: Session) -> None:
            row = s.get(Document, document["id"])
            if row is None:
                self._insert_document(s, document, None)
                return
            s.execute(delete(DocEvent).where(DocEvent.doc_id == document["id"]))
            row.data = document
            row.title, row.author, row.site = document.get("title"), document.get("author"), document.get("site")
            row.published = document.get("published")
            row.pipeline_version = document.get("pipeline", {}).get("version", __version__)
            self._add_events(s, document)
            # hook: the web index (store/search.py) holds rows derived from the old analysis;
            # they are rebuilt in this transaction, so no reader sees the old and new mixed
            from narrascope.store import search

            search.refresh(s.connection(), [document])
        self._write(swap)

    def get_document(self, doc_id: str) -> dict[str, Any] | None:
        def fn(s: Session) -> dict[str, Any] | None:
            row = s.execute(select(Document.data, Document.near_duplicate_of).where(Document.id == doc_id)).first()
            if row is None:
                return None
            data = dict(row.data)
            if row.near_duplicate_of:  # additive key: the stored document this one nearly repeats
                data["near_duplicate_of"] = row.near_duplicate_of
            return data
        return self._read(fn)

    def iter_documents(self, doc_ids: Iterable[str] | None = None, batch: int = 200) -> Iterator[dict[str, Any]]:
        """Documents in creation order (or in the order of `doc_ids`), streamed: memory stays
        bounded by `batch` whatever the size of the store (keyset pagination)."""
        if doc_ids is not None:
            for doc_id in doc_ids:
                doc = self.get_document(doc_id)
                if doc is not None:
                    yield doc
            return
        after: tuple[Any, str] | None = None
        while True:
            def page(s: Session) -> list[Any]:
                q = select(Document.created_at, Document.id, Document.data, Document.near_duplicate_of)
                if after is not None:
                    q = q.where(tuple_(Document.created_at, Document.id) > after)
                return list(s.execute(q.order_by(Document.created_at, Document.id).limit(batch)))
            rows = self._read(page)
            for row in rows:
                data = dict(row.data)
                if row.near_duplicate_of:
                    data["near_duplicate_of"] = row.near_duplicate_of
                yield data
            if len(rows) < batch:
                return
            after = (rows[-1].created_at, rows[-1].id)

    def doc_ids_for_inputs(self, keys: list[str]) -> list[str]:
        """Distinct document ids for these input keys, in input order."""
        found: dict[str, str] = {}
        with self.session() as s:
            for i in range(0, len(keys), 500):
                for key, doc_id in s.execute(select(Input.key, Input.doc_id).where(Input.key.in_(keys[i:i + 500]))):
                    if doc_id:
                        found[key] = doc_id
        seen: dict[str, None] = {}
        for key in keys:
            if key in found:
                seen.setdefault(found[key], None)
        return list(seen)

    def errors(self, run_id: int | None = None) -> list[dict[str, Any]]:
        with self.session() as s:
            q = select(DocError).order_by(DocError.id)
            if run_id is not None:
                q = q.where(DocError.run_id == run_id)
            return [{"input": e.input_key, "doc_id": e.doc_id, "stage": e.stage, "message": e.message}
                    for e in s.scalars(q)]

    def count_documents(self) -> int:
        with self.session() as s:
            return s.scalar(select(func.count()).select_from(Document)) or 0


def _short(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    text = str(orig)
    short = text.splitlines()[0][:300] if text else type(exc).__name__
    # SQLite's extended error name (e.g. SQLITE_BUSY_SNAPSHOT) tells which lock refused, where
    # the message alone ("database is locked") does not
    name = getattr(orig, "sqlite_errorname", None)
    return f"{short} ({name})" if name else short
