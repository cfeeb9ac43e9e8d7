"""The Ray engine on a small local cluster: same results as the local engine, Parquet out."""

from __future__ import annotations

import pytest
import test_engine_helpers
from test_engine_helpers import HashEmbedder, text_processor_factory
from test_engine_ingest import _lines, _write_jsonl

from counterpoint.engine import ingest
from counterpoint.group import StoryClusterer
from counterpoint.store import Store

pytestmark = pytest.mark.ray


@pytest.fixture(scope="module")
def ray_cluster():
    ray = pytest.importorskip("ray")
    # Ray workers cannot import the tests folder: ship the helpers by value.
    ray.cloudpickle.register_pickle_by_value(test_engine_helpers)
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield ray
    ray.shutdown()


def test_ray_engine_matches_local_and_writes_parquet(tmp_path, ray_cluster):
    spec = _write_jsonl(tmp_path / "news.jsonl", _lines())
    grouped = []
    for engine in ("local", "ray"):
        with Store(f"sqlite:///{tmp_path / f'{engine}.db'}") as store:
            out = str(tmp_path / "out.parquet") if engine == "ray" else None
            report = ingest(
                [spec],
                store,
                engine=engine,
                workers=2,
                out=out,
                processor_factory=text_processor_factory,
                clusterer=StoryClusterer(embed=HashEmbedder()),
            )
            assert len(report.added) == 5
            assert len(report.problems) == 2
            grouped.append(sorted(sorted(s.article_ids) for s in store.stories()))
    assert grouped[0] == grouped[1]

    import pyarrow.parquet as pq

    table = pq.read_table(tmp_path / "out.parquet")
    assert table.num_rows == 6  # five analyses and the one too-short item
    assert sum(1 for value in table.column("analysis").to_pylist() if value) == 5
