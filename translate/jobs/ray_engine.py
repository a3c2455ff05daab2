"""Scale-out: the batch engine's new units translated by a pool of Ray workers.

The driver runs the batch engine as on one machine — discovery, resume decisions, planning, the
translation memory, assembly, summaries, names, writing, the manifest — and hands only the units
the memory does not have to the workers, window by window. Each worker is a Ray actor that loads
the model once and lives for the whole job, so the model is never loaded per file or per batch;
Ray restarts a worker that dies and retries its batch. Results come back as they finish and go
into the memory at once, so an interrupted cluster job resumes like a local one.

Ray is an optional extra: `pip install 'translate[ray]'`.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from translate.backends.base import DecodeOptions
from translate.document import Unit, UnitResult
from translate.errors import JobError

INSTALL_HINT = "the Ray engine needs the ray extra: pip install 'translate[ray]'"


@dataclass(frozen=True)
class WorkerSpec:
    """How a worker loads its model: what `load_translator` is given on the driver."""

    model: str | None
    device: str = "cpu"
    backend: str | None = None
    models_file: str | None = None


class UnitWorker:
    """A loaded model in a Ray actor: translates batches of pickled units.

    `fault_file` is for tests: a worker whose file exists removes it and exits mid-batch once,
    as a killed process would.
    """

    def __init__(self, spec: WorkerSpec, options: dict[str, Any], fault_file: str | None = None):
        from translate.backends import load_translator
        from translate.backends.base import ENV_THREADS
        from translate.registry import load_registry

        if not os.environ.get(ENV_THREADS):  # the CPUs Ray gave this actor, not the whole node's
            cpus = _assigned_cpus()
            if cpus:
                os.environ[ENV_THREADS] = str(cpus)

        registry = load_registry(spec.models_file) if spec.models_file else None
        self.backend, _defaults = load_translator(
            spec.model, device=spec.device, registry=registry, backend=spec.backend
        )
        self.options = DecodeOptions(**options)
        self.fault_file = fault_file

    def translate(self, start: int, payload: bytes) -> tuple[int, bytes]:
        """Translate pickled units; return (start, pickled results)."""
        import os

        from translate.pipeline.translate import translate_units

        if self.fault_file is not None and os.path.exists(self.fault_file):
            os.unlink(self.fault_file)
            os._exit(1)  # a worker killed mid-batch
        units: list[Unit] = pickle.loads(payload)
        results = translate_units(units, self.backend, self.options)
        return start, pickle.dumps(results)

    def pid(self) -> int:
        import os

        return os.getpid()


class RayPool:
    """A pool of Ray workers for one job; a ResultStream through `stream`."""

    def __init__(
        self,
        spec: WorkerSpec,
        options: DecodeOptions,
        *,
        workers: int = 2,
        address: str | None = None,
        gpus_per_worker: float = 0.0,
        cpus_per_worker: float = 1.0,
        batch_units: int = 64,
        fault_file: str | None = None,
    ) -> None:
        try:
            import ray
            from ray.util import ActorPool
        except ImportError:
            raise JobError(INSTALL_HINT) from None
        if not ray.is_initialized():
            if address:
                ray.init(address=address, log_to_driver=False)
            else:
                ray.init(
                    num_cpus=max(1, int(workers * cpus_per_worker)),
                    num_gpus=None if gpus_per_worker else 0,
                    include_dashboard=False,
                    log_to_driver=False,
                    configure_logging=False,
                )
        remote = ray.remote(max_restarts=-1, max_task_retries=-1)(UnitWorker)
        self.actors: list[Any] = [
            remote.options(num_cpus=cpus_per_worker, num_gpus=gpus_per_worker).remote(
                spec, options.to_json(), fault_file
            )
            for _ in range(max(1, workers))
        ]
        self.pool = ActorPool(self.actors)
        self.batch_units = max(1, batch_units)

    def stream(self, units: Sequence[Unit]) -> Iterator[list[tuple[int, UnitResult]]]:
        """Send the units to the workers in batches; yield results as each batch finishes."""
        chunks = [
            (start, pickle.dumps(list(units[start : start + self.batch_units])))
            for start in range(0, len(units), self.batch_units)
        ]
        for start, payload in self.pool.map_unordered(
            lambda actor, chunk: actor.translate.remote(*chunk), chunks
        ):
            results: list[UnitResult] = pickle.loads(payload)
            yield list(enumerate(results, start))

    def close(self) -> None:
        import ray

        for actor in self.actors:
            ray.kill(actor)


def _assigned_cpus() -> int | None:
    """Whole CPUs Ray assigned to the calling actor (at least 1), or None outside Ray."""
    try:
        import ray

        cpus = ray.get_runtime_context().get_assigned_resources().get("CPU")
    except Exception:  # not in a Ray worker, or an older Ray: leave the default
        return None
    return max(1, int(cpus)) if cpus else None
