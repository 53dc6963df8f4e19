"""A plain JSON REST API on the web app's own server (/api/search, /api/ask, /api/feedback, /api/health; OpenAPI at
/api/docs): for integrators who expect HTTP + JSON rather than Gradio's queue (a RAG pipeline, a spreadsheet macro,
curl). Interfaces only: the answers are index.retrieve's and index.assist's, the validation is app.ui's, so a bad
call gets the same one Japanese line as through the Gradio API."""

import functools
import logging
import threading
import time
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

log = logging.getLogger("seisaku.rest")

__all__ = ["build_rest", "mount_rest"]

# Two searches at a time, as the Gradio queue: the engine already uses every core, and every worker thread keeps
# its own engine buffers (a threadpool of 40 would hold 40 of them).
CONCURRENT = 2
#: pydantic's error types, as the Gradio API says them
TYPE_JA = {"string_type": "文字列", "int_type": "整数", "int_parsing": "整数", "int_from_float": "整数",
           "dict_type": " JSON オブジェクト", "list_type": "リスト", "bool_type": " true / false"}


# The request bodies live at module level: FastAPI resolves a handler's annotations against the module's names.

class Error(BaseModel):
    error: str = Field(description="何が誤っていたかの一文 (日本語)")


class SearchRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"query": "テレワークを推進する施策は？", "filters": {"ministries": ["総務省"]}, "top_k": 5, "mode": "hybrid"}]})
    query: str = Field(description="質問や検索語 (日本語・英語)。2,000 字で切ります")
    filters: dict[str, Any] | None = Field(None, description='{"ministries": [...], "lead_only": true, '
                                                             '"chapters": ["03"], "articles": [...], "guides": [...], "ids": [...]}')
    top_k: int = Field(10, description="返す施策の数 (1〜50)")
    mode: Literal["hybrid", "bm25", "dense"] = Field("hybrid", description="検索方式")


class AskRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"question": "それの担当府省庁は？", "history": [{"question": "テレワークを推進する施策は？", "answers": ["04-03"],
                                                        "related": []}]}]})
    question: str = Field(description="質問。続きの質問 (「それの担当府省庁は？」) は history で前の回答を指します")
    history: list[dict[str, Any]] | None = Field(None, description="前の応答の history をそのまま渡します")
    filters: dict[str, Any] | None = None
    top_k: int = 10
    mode: Literal["hybrid", "bm25", "dense"] = "hybrid"


class FeedbackRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    log_id: int = Field(description="応答ヘッダ X-Seisaku-Log-Id の値")
    session: str = Field(description="その応答のヘッダ X-Seisaku-Session の値 (質問したクライアントだけが評価できます)")
    feedback: Literal["up", "down"] | None = Field(description="up = 👍、down = 👎、null = 取り消し")
    comment: str | None = None


def build_rest(retriever, query_log=None, source: str = ""):
    """The FastAPI app of the REST API (mounted at /api by mount_rest)."""
    from fastapi import Request
    from fastapi.exceptions import RequestValidationError
    from fastapi.responses import JSONResponse
    from fastapi_offline import FastAPIOffline

    from app.params import check_filter_values, check_search_args, filters_from_json
    from index.assist import Conversation, ask, search_question
    from index.explain import explain
    from index.querylog import entry_of_answer, entry_of_result, is_session, new_session

    gate = threading.BoundedSemaphore(CONCURRENT)
    # the docs page loads Swagger UI's script, style and icon from /api/static-offline-docs (files of the
    # fastapi-offline package), not from a CDN: FastAPI's own page is blank on a machine without the internet
    api = FastAPIOffline(title="Seisaku Search API", version="1",
                         description="施策集の検索と質問応答 (JSON)。`/search` は `seisaku search --json` と同じ JSON を"
                                     "返します。誤った呼び出しは 400/422 と {\"error\": \"一行の説明\"} を返します。",
                         docs_url="/docs", redoc_url=None, openapi_url="/openapi.json")

    def bad(endpoint: str, status: int, message: str) -> JSONResponse:
        log.warning("/api/%s: %s", endpoint, message)
        return JSONResponse({"error": message}, status_code=status)

    @api.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        # one line, as the Gradio API's errors: the first problem, named by its field
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(x) for x in first.get("loc", ())[1:]) or "本文"
        kind = first.get("type", "")
        if kind == "missing":
            text = f"{where} を指定してください"
        elif kind == "extra_forbidden":
            text = f"{where} は知らない項目です"
        elif kind == "json_invalid":
            text = "本文が JSON として読めません"
        elif kind == "literal_error":
            text = f"{where} は {first.get('ctx', {}).get('expected', '')} のいずれかです".replace("'", "")
        else:
            text = f"{where} は{TYPE_JA.get(kind, '正しい値')}で指定してください"
        return bad(request.url.path.rsplit("/", 1)[-1], 422, text)

    def one_line_errors(endpoint: str):
        """A handler whose bad call (ValueError: the checks' Japanese sentence) is HTTP 400 and any other failure 500,
        each {"error": one line} and one line in the server log, as the Gradio API: no traceback goes out."""
        def wrap(handler):
            @functools.wraps(handler)  # FastAPI reads the handler's own parameters through __wrapped__
            def run(*args, **kwargs):
                try:
                    return handler(*args, **kwargs)
                except ValueError as e:
                    return bad(endpoint, 400, str(e))
                except Exception as e:  # noqa: BLE001 - one log line and one sentence, no traceback
                    log.warning("/api/%s: %s: %s", endpoint, type(e).__name__, e)
                    return JSONResponse({"error": "内部エラーが発生しました"}, status_code=500)
            return run
        return wrap

    def logged(entry, request: Request) -> dict:
        """Log the call, in the caller's session (the X-Seisaku-Session it was given before, else a new one): the
        headers that name the row and the session, which alone may rate it (/feedback)."""
        if query_log is None:
            return {}
        given = request.headers.get("x-seisaku-session")
        session = given if is_session(given) else new_session()
        rid = query_log.record(entry, session)
        return {"X-Seisaku-Log-Id": str(rid), "X-Seisaku-Session": session} if rid is not None else {}

    def checked(top_k, mode, text: str, what: str, filters):
        """(top_k, mode, Filters) of a call, each checked as the Gradio API checks it; ValueError names the problem."""
        k, chosen = check_search_args(top_k, mode)
        if not text.strip():
            raise ValueError(what)
        f = filters_from_json(filters)
        check_filter_values(f, retriever.cards)
        return k, chosen, f

    @api.post("/search", responses={400: {"model": Error}, 422: {"model": Error}},
              summary="施策を検索する (seisaku search --json と同じ JSON)")
    @one_line_errors("search")
    def search(req: SearchRequest, request: Request):
        t0 = time.perf_counter()
        k, mode, f = checked(req.top_k, req.mode, req.query, "query に検索する文を指定してください", req.filters)
        with gate:
            res = search_question(retriever, req.query[:2000], top_k=k, filters=f, mode=mode)
        body = res.to_dict()
        headers = logged(entry_of_result(res, req.query, (time.perf_counter() - t0) * 1000, f, "rest", source),
                         request)
        return JSONResponse(body, headers=headers)

    @api.post("/ask", responses={400: {"model": Error}, 422: {"model": Error}},
              summary="質問に答える (続きの質問は history で)")
    @one_line_errors("ask")
    def ask_(req: AskRequest, request: Request):
        t0 = time.perf_counter()
        k, mode, f = checked(req.top_k, req.mode, req.question, "question に質問の文を指定してください", req.filters)
        with gate:
            a = explain(retriever, ask(retriever, req.question, Conversation.from_list(req.history), filters=f,
                                       top_k=k, mode=mode), f, k, mode)
        headers = logged(entry_of_answer(a, (time.perf_counter() - t0) * 1000, f, "rest", source), request)
        return JSONResponse(a.to_dict(), headers=headers)

    @api.post("/feedback", responses={400: {"model": Error}}, summary="回答に 👍 / 👎 (とコメント) をつける")
    @one_line_errors("feedback")
    def feedback(req: FeedbackRequest):
        if query_log is None:
            return bad("feedback", 400, "質問の記録が無効です (SEISAKU_LOG=0)")
        if not query_log.set_feedback(req.log_id, req.feedback, req.comment, session=req.session):
            # one answer for a row that is not there and one asked in another session: neither is said apart
            return bad("feedback", 400, f"log_id {req.log_id} は、この session で記録した質問ではありません")
        return {"ok": True}

    @api.get("/health", summary="動作確認")
    def health():
        return {"status": "ok", "cards": len(retriever.cards), "source": source or "施策集 (同梱)",
                "log": query_log is not None}

    return api


def mount_rest(app, retriever, query_log=None, source: str = "") -> None:
    """Mount the REST API at /api on a running Gradio server's FastAPI app, ahead of Gradio's own routes."""
    from starlette.routing import Mount

    app.router.routes.insert(0, Mount("/api", app=build_rest(retriever, query_log, source)))
