"""The one configuration object. Built in entry points (CLI, bot) and passed down as plain values."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from retrieval.config import IngestConfig

_INGEST = IngestConfig()

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_INDEX_DIR = PROJECT_ROOT / "index"


def _int_list(value: object) -> object:
    # Operators write "123, -100456" in .env; JSON lists are accepted too.
    if isinstance(value, str):
        text = value.strip().strip("[]")
        return [int(part) for part in text.replace(";", ",").split(",") if part.strip()]
    return value


class Settings(BaseSettings):
    """Every field can be set as NEWSDESK_<FIELD> in the environment or in `.env`."""

    model_config = SettingsConfigDict(
        env_prefix="NEWSDESK_",
        env_file=".env",
        env_file_encoding="utf-8",
        env_ignore_empty=True,
        extra="ignore",
    )

    # --- archive and index ---
    index_dir: Path = Field(DEFAULT_INDEX_DIR, description="Folder holding the built index files.")
    model_path: str = Field(
        "", description="SentenceTransformer folder; empty = the bundled all-MiniLM-L6-v2 package."
    )
    max_chunk_tokens: int = Field(
        _INGEST.max_tokens, ge=32, le=254, description="Word pieces per chunk (model max 256)."
    )
    chunk_overlap_sentences: int = Field(
        _INGEST.overlap, ge=0, le=3, description="Sentences shared by neighbour chunks."
    )
    embed_batch_size: int = Field(
        _INGEST.batch_size,
        ge=0,
        description="Chunks per encoder batch while ingesting; 0 = the backend's best (onnx 8, torch 64).",
    )
    faiss_factory: str = Field(
        "", description="FAISS index-factory string (e.g. 'HNSW32', 'IVF4096,Flat'); empty = chosen by size."
    )
    lexical_engine: Literal["tantivy", "fts5"] = Field(
        "tantivy",
        description="Lexical search: tantivy (a derived index with top-k pruning) or SQLite FTS5 alone.",
    )
    backend: Literal["onnx-int8", "onnx", "torch"] = Field(
        "onnx-int8",
        description="Encoder: onnx-int8 (fastest on CPU), onnx (fp32), torch (sentence-transformers; GPU).",
    )
    device: str = Field("cpu", description="Device for the torch backend: cpu, cuda, cuda:1 ...")
    model_cache_dir: Path | None = Field(
        None, description="Where the ONNX export of the model is kept; empty = ~/.cache/newsdesk/models."
    )
    encoder_threads: int = Field(
        0,
        ge=0,
        validation_alias=AliasChoices("NEWSDESK_ENCODER_THREADS", "NEWSDESK_TORCH_THREADS"),
        description="Encoder CPU threads; 0 = 1 when answering, every core for `newsdesk ingest`.",
    )
    max_file_bytes: int = Field(
        _INGEST.max_file_bytes, description="Files larger than this are refused at ingest."
    )

    # --- answering ---
    max_citations: int = Field(3, ge=1, le=10, description="Numbered citations in an answer.")
    ranking_config: Path | None = Field(
        None,
        description="JSON or TOML file replacing ranking weights of retrieval/config.py; empty = defaults.",
    )
    candidates: int = Field(
        0, ge=0, description="Passages each retriever hands to the ranker; 0 = the ranking config's (60)."
    )
    min_answer_score: float = Field(
        0.0, description="Answers scoring below this say 'not found'; 0 = the calibrated default."
    )

    # --- Telegram ---
    telegram_bot_token: SecretStr | None = Field(
        None,
        validation_alias=AliasChoices("TELEGRAM_BOT_TOKEN", "NEWSDESK_TELEGRAM_BOT_TOKEN"),
        description="Bot token from @BotFather. Also read from TELEGRAM_BOT_TOKEN.",
    )
    telegram_base_url: str = Field(
        "https://api.telegram.org/bot",
        description="Bot API base URL (a self-hosted server or a test stand-in).",
    )
    telegram_base_file_url: str = Field(
        "https://api.telegram.org/file/bot", description="Bot API file download base URL."
    )
    admins: Annotated[list[int], NoDecode] = Field(
        default_factory=list, description="User ids allowed to /ingest, /reload, /stats (comma-separated)."
    )
    allowed_chats: Annotated[list[int], NoDecode] = Field(
        default_factory=list, description="Chat ids the bot serves (comma-separated); empty = everyone."
    )
    rate_limit_per_minute: int = Field(10, ge=1, description="Questions one user may ask per minute.")
    max_question_chars: int = Field(400, ge=10, description="Longer questions are refused.")
    max_upload_bytes: int = Field(20_000_000, description="Largest document /ingest accepts.")
    inline_cache_time: int = Field(300, ge=0, description="Seconds Telegram may cache inline results.")
    feedback_db: Path | None = Field(
        None, description="SQLite file for 👍/👎; empty = feedback.sqlite3 in index_dir."
    )
    webhook_url: str = Field("", description="Public HTTPS URL; set to use webhook mode instead of polling.")
    webhook_listen: str = Field("127.0.0.1", description="Address the webhook server listens on.")
    webhook_port: int = Field(8443, description="Port the webhook server listens on.")
    webhook_secret: SecretStr | None = Field(
        None, description="Secret token Telegram sends with webhook calls."
    )

    log_level: str = Field("INFO", description="Logging level.")

    _split_ids = field_validator("admins", "allowed_chats", mode="before")(_int_list)

    @property
    def feedback_path(self) -> Path:
        return self.feedback_db or self.index_dir / "feedback.sqlite3"
