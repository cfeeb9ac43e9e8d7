"""Run the web desk with uvicorn: loopback by default, a token when exposed."""

from __future__ import annotations

from counterpoint.web.security import check_bind, is_loopback

LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "::1", "[::1]"]


def serve(
    host: str = "127.0.0.1",
    port: int = 8765,
    db: str | None = None,
    token: str | None = None,
    max_upload_mb: float = 10.0,
    warm_reports: int = 20,
) -> None:
    """Start the desk; raises ValueError when asked to listen beyond loopback without a token."""
    import uvicorn

    from counterpoint.web.app import create_app

    check_bind(host, token)
    app = create_app(
        db=db,
        token=token,
        max_upload_mb=max_upload_mb,
        allowed_hosts=LOOPBACK_HOSTS if is_loopback(host) else None,
        warm_reports=warm_reports,
    )
    shown = f"[{host}]" if ":" in host else host
    link = f"http://{shown}:{port}/" + (f"?token={token}" if token else "")
    print(f"counterpoint desk on {link}  (Ctrl+C stops it)", flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
