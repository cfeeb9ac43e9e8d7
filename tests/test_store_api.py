"""The Store methods the web desk reads through (it runs no queries of its own)."""

from __future__ import annotations

from datetime import date

from test_engine_helpers import make_analysis

from counterpoint.store import Store


def test_outlets_and_the_articles_read_from_given_origins(tmp_path) -> None:
    with Store(f"sqlite:///{tmp_path / 'cp.db'}") as store:
        quake = make_analysis(
            "Quake", "A strong earthquake struck Izmir.", "Outlet A", date(2020, 1, 1)
        )
        vote = make_analysis("Vote", "Parliament passed the budget in Rome.", "Outlet B", None)
        store.save_analyses([quake, vote])
        assert store.outlets() == {quake.article.id: "Outlet A", vote.article.id: "Outlet B"}

        store.remember_origin("/up/002-b.txt", vote.article.id)
        store.remember_origin("/up/001-a.txt", quake.article.id)
        store.remember_origin("/up/003-copy-of-a.txt", quake.article.id)
        store.remember_problem("/up/004-empty.txt", "empty file")
        store.remember_origin("/upload-other/001-a.txt", vote.article.id)  # a prefix is not a match

        asked = ["/up/001-a.txt", "/up/002-b.txt", "/up/003-copy-of-a.txt", "/up/004-empty.txt"]
        assert store.articles_read_from(asked) == [quake.article.id, vote.article.id]
        assert store.articles_read_from(["/up/missing.txt"]) == []
        assert store.articles_read_from([]) == []
