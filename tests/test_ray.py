"""Batch jobs on Ray (local mode, 2 CPUs): same outputs as the local engine, faults, resume."""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import ray  # the ray extra: scripts/setup.sh installs it
from typer.testing import CliRunner

from translate.backends import load_translator
from translate.backends.base import DecodeOptions, Translator
from translate.cli import app
from translate.jobs.engine import JobReport, JobSettings, read_manifest, run_job
from translate.memory.store import TranslationMemory


def corpus(root: Path) -> Path:
    (root / "sub").mkdir(parents=True)
    for n in range(6):
        (root / ("sub" if n % 2 else ".") / f"a{n}.txt").write_text(
            f"第{n}号标题\n\n王毅今天在北京会见了第{n}位客人。双方讨论了合作。\n\n"
            "本文来源：新华社。责任编辑：张三。\n",
            encoding="utf-8",
        )
    (root / "bad.txt").write_bytes(b"\x00\x01\x02" * 100)
    return root


@pytest.fixture(scope="module")
def model(tiny_marian_dir: Path) -> tuple[Translator, DecodeOptions]:
    backend, options = load_translator(str(tiny_marian_dir), device="cpu", backend="transformers")
    return backend, dataclasses.replace(options, beam=1, max_new_tokens=8)


@pytest.fixture(scope="module")
def ray_local() -> Iterator[None]:
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    yield
    ray.shutdown()


def pool_for(model_dir: Path, options: DecodeOptions, **kw: Any) -> Any:
    from translate.jobs.ray_engine import RayPool, WorkerSpec

    return RayPool(WorkerSpec(str(model_dir), "cpu", "transformers"), options, workers=2, **kw)


def run(
    root: Path, out: Path, model: tuple[Translator, DecodeOptions], stream: Any = None
) -> JobReport:
    backend, options = model
    with TranslationMemory(out.parent / f"{out.name}.sqlite") as memory:
        return run_job(
            [root], backend, options, JobSettings(out_dir=out, fmt="json"), memory=memory,
            stream=stream,
        )  # fmt: skip


def outputs(out: Path) -> dict[str, Any]:
    """Every output file's JSON, without what differs by run (timings, memory path)."""
    found = {}
    for path in sorted(out.rglob("*.en.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        data["provenance"].pop("timings")
        data["provenance"].pop("memory")
        found[str(path.relative_to(out))] = data
    return found


def manifest(out: Path) -> dict[str, tuple[Any, ...]]:
    return {
        Path(k).name: (r["status"], r.get("units"), r.get("input_hash"), r.get("signature"))
        for k, r in read_manifest(out).items()
    }


@pytest.mark.usefixtures("ray_local")
def test_ray_engine_writes_what_the_local_engine_writes(
    model: tuple[Translator, DecodeOptions], tiny_marian_dir: Path, tmp_path: Path
) -> None:
    root = corpus(tmp_path / "news")
    local = run(root, tmp_path / "local", model)
    pool = pool_for(tiny_marian_dir, model[1], batch_units=4)
    try:
        remote = run(root, tmp_path / "ray", model, stream=pool.stream)
        pids = {ray.get(actor.pid.remote()) for actor in pool.actors}
    finally:
        pool.close()
    assert (remote.done, remote.failed) == (local.done, local.failed) == (6, 1)
    assert remote.translated == local.translated > 0
    assert outputs(tmp_path / "ray") == outputs(tmp_path / "local") != {}
    assert manifest(tmp_path / "ray") == manifest(tmp_path / "local")
    assert len(pids) == 2  # two workers, each loaded its model once and served many batches


@pytest.mark.usefixtures("ray_local")
def test_a_worker_killed_mid_job_is_restarted_and_nothing_is_lost(
    model: tuple[Translator, DecodeOptions], tiny_marian_dir: Path, tmp_path: Path
) -> None:
    root = corpus(tmp_path / "news")
    run(root, tmp_path / "local", model)
    fault = tmp_path / "kill-one-worker"
    fault.write_text("x")
    pool = pool_for(tiny_marian_dir, model[1], batch_units=2, fault_file=str(fault))
    try:
        report = run(root, tmp_path / "ray", model, stream=pool.stream)
    finally:
        pool.close()
    assert not fault.exists()  # a worker did die
    assert (report.done, report.failed) == (6, 1)
    assert outputs(tmp_path / "ray") == outputs(tmp_path / "local")
    with (
        TranslationMemory(tmp_path / "ray.sqlite") as remote,
        TranslationMemory(tmp_path / "local.sqlite") as local,
    ):
        assert sorted(remote.entries()) == sorted(local.entries())  # nothing lost or doubled


@pytest.mark.usefixtures("ray_local")
def test_a_cluster_job_resumes_from_the_memory(
    model: tuple[Translator, DecodeOptions], tiny_marian_dir: Path, tmp_path: Path
) -> None:
    root = corpus(tmp_path / "news")
    pool = pool_for(tiny_marian_dir, model[1])
    try:
        run(root, tmp_path / "ray", model, stream=pool.stream)
        (tmp_path / "ray" / "a0.en.json").unlink()
        (tmp_path / "ray" / "sub" / "a1.en.json").unlink()
        again = run(root, tmp_path / "ray", model, stream=pool.stream)
    finally:
        pool.close()
    assert (again.done, again.skipped) == (2, 4)
    assert again.translated == 0 and again.tm_hits > 0  # nothing went to the cluster


def test_without_ray_the_engine_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, tiny_marian_dir: Path, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)
    root = corpus(tmp_path / "news")
    args = ["batch", str(root), "-o", str(tmp_path / "out"), "--engine", "ray", "--model",
            str(tiny_marian_dir), "--backend", "transformers", "--no-tm"]  # fmt: skip
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 8
    assert result.stderr.strip().splitlines() == [
        "translate: error: the Ray engine needs the ray extra: pip install 'translate[ray]'"
    ]
