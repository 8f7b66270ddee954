"""Admin commands (NEWSDESK_ADMINS): /ingest an uploaded file, /reload the index, /stats."""

from __future__ import annotations

import asyncio
import contextlib
import re
import tempfile
from pathlib import Path
from types import TracebackType

from telegram import Message, Update
from telegram.error import TelegramError

from bot import admin_messages
from bot.context import Context
from bot.format import fit_message, render
from bot.handlers import edit
from retrieval.errors import NewsdeskError

PROGRESS_EVERY = 1.0  # seconds between progress edits (Telegram throttles edits of one message)
_CAPTION_COMMAND = re.compile(r"^/ingest(?:@(\w+))?(?:\s|$)", re.IGNORECASE)


def safe_name(name: str) -> str:
    """The uploaded file's base name with only safe characters (its suffix kept: it picks the loader)."""
    base = Path(name.replace("\\", "/")).name
    cleaned = re.sub(r"[^\w.\-]+", "_", base).lstrip(".")
    return cleaned[-120:] or "upload.txt"


async def _require_admin(update: Update, context: Context) -> bool:
    user = update.effective_user
    if context.services.access.is_admin(user.id if user else None):
        return True
    if update.effective_message:
        await update.effective_message.reply_text(admin_messages.NOT_ADMIN)
    return False


class ProgressMessage:
    """Edits one status message with the ingest's progress; `report` is called from the worker thread."""

    def __init__(self, message: Message, file_name: str) -> None:
        self.message = message
        self.file_name = file_name
        self._latest: tuple[int, int] | None = None
        self._shown: tuple[int, int] | None = None
        self._task: asyncio.Task[None] | None = None

    def report(self, done: int, total: int) -> None:
        self._latest = (done, total)  # one assignment: safe to read from the loop

    async def _show(self) -> None:
        latest = self._latest
        if latest is None or latest == self._shown:
            return
        self._shown = latest
        with contextlib.suppress(TelegramError):
            await self.message.edit_text(admin_messages.ingest_progress_text(self.file_name, *latest))

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(PROGRESS_EVERY)
            await self._show()

    async def __aenter__(self) -> ProgressMessage:
        self._task = asyncio.create_task(self._run())
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._task:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task


async def ingest(update: Update, context: Context) -> None:
    """/ingest as a document's caption or as a reply to a document: add it to the archive, live."""
    message = update.effective_message
    if message is None:
        return
    caption = _CAPTION_COMMAND.match(message.caption or "")
    if caption and caption.group(1) and caption.group(1).lower() != context.bot.username.lower():
        return  # "/ingest@otherbot"
    if not await _require_admin(update, context):
        return
    svc = context.services
    document = message.document or (message.reply_to_message.document if message.reply_to_message else None)
    if document is None:
        await message.reply_text(
            f"Send a file ({', '.join(admin_messages.UPLOAD_SUFFIXES)}) with /ingest as its caption, "
            "or reply /ingest to a file."
        )
        return
    name = safe_name(document.file_name or "upload.txt")
    refusal = admin_messages.upload_refusal(name, document.file_size or 0, svc.settings.max_upload_bytes)
    if refusal:
        await message.reply_text(refusal)
        return
    status = await message.reply_text(f"Receiving {name}…")
    with tempfile.TemporaryDirectory(prefix="newsdesk-upload-") as folder:
        path = Path(folder) / name
        await (await document.get_file()).download_to_drive(path)
        await edit(status, f"Ingesting {name}…", parse_mode=None)
        try:
            async with ProgressMessage(status, name) as progress:
                summary = await asyncio.to_thread(svc.engine.ingest, [path], progress.report)
        except NewsdeskError as exc:
            await edit(status, f"Couldn't ingest {name}: {exc}", parse_mode=None)
            return
    svc.forget_answers()
    await edit(status, fit_message(admin_messages.ingest_summary_blocks(name, summary)))


async def reload_index(update: Update, context: Context) -> None:
    """/reload: re-read the index from disk (after another process ingested into it)."""
    if not await _require_admin(update, context):
        return
    svc = context.services
    await asyncio.to_thread(svc.engine.reload)
    svc.forget_answers()
    stats = await asyncio.to_thread(svc.engine.stats)
    if update.effective_message:
        await update.effective_message.reply_text(f"Reloaded the index: {stats.articles:,} articles.")


async def show_stats(update: Update, context: Context) -> None:
    """/stats: the archive, answers given and the feedback counts."""
    if not await _require_admin(update, context):
        return
    svc = context.services
    stats = await asyncio.to_thread(svc.engine.stats)
    counts = await svc.in_db(svc.store.counts)
    if update.effective_message:
        await update.effective_message.reply_html(render(admin_messages.stats_blocks(stats, counts)))
