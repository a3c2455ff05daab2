"""`translate models ...` commands."""

from __future__ import annotations

from pathlib import Path

import typer

from translate.cli.common import Device, cli_errors

app = typer.Typer(help="List, fetch and convert the models in models.yaml.", no_args_is_help=True)

_MODELS_FILE_HELP = "models.yaml to use (default: $TRANSLATE_MODELS_FILE, else the project's)."


@app.command("list")
@cli_errors
def list_models(
    models_file: Path | None = typer.Option(None, "--models-file", help=_MODELS_FILE_HELP),
) -> None:
    """List the models in models.yaml and whether each is available offline.

    Each line: name, task, repository@revision, then where the model was found (a pulled copy or
    the Hugging Face cache) or "not downloaded" with the command that fetches it.

    Example: translate models list
    """
    from translate.hub import find_local, pull_command
    from translate.registry import load_registry

    registry = load_registry(models_file)
    rows: list[tuple[str, ...]] = [("NAME", "TASK", "REPOSITORY@REVISION", "LOCAL COPY")]
    for spec in registry.specs:
        default = " (default)" if registry.default(spec.task).name == spec.name else ""
        found = find_local(spec)
        if found is None:
            where = f"not downloaded: {pull_command(spec.name)}"
        else:
            rev = (found.revision or "?")[:10]
            stale = (
                ""
                if found.revision == spec.revision
                else f", models.yaml pins {spec.short_revision}"
            )
            where = f"{found.source} @{rev}{stale}: {found.path}"
        rows.append((spec.name, spec.task + default, f"{spec.repo}@{spec.short_revision}", where))
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    typer.echo(f"models file: {registry.path}")
    for row in rows:
        typer.echo(
            "  ".join(cell.ljust(w) for cell, w in zip(row[:3], widths, strict=True))
            + "  "
            + row[3]
        )


@app.command("pull")
@cli_errors
def pull_model(
    name: str = typer.Argument(..., help="Model name from models.yaml."),
    revision: str | None = typer.Option(
        None, "--revision", help="Branch, tag or commit to fetch (default: the pinned revision)."
    ),
    models_file: Path | None = typer.Option(None, "--models-file", help=_MODELS_FILE_HELP),
) -> None:
    """Download a model snapshot into $TRANSLATE_HOME/models/NAME for offline use.

    Only configuration, tokenizer and one weights format (safetensors when available) are fetched.
    A failed or interrupted pull leaves the previous copy (if any) untouched.

    Example: translate models pull opus-mt-zh-en
    """
    from translate.hub import pull
    from translate.registry import load_registry

    registry = load_registry(models_file)
    located = pull(name, revision, registry=registry)
    typer.echo(f"pulled {name} ({located.repo}@{located.revision}) into {located.path}")


@app.command("convert")
@cli_errors
def convert_model(
    name: str = typer.Argument(..., help="Translation model: models.yaml name or directory."),
    quantization: str | None = typer.Option(
        None,
        "--quantization",
        help="int8 | int8_float16 | float16 | float32 (default: int8 on CPU, int8_float16 on CUDA).",
    ),
    device: Device = typer.Option(
        Device.auto, "--device", help="Device the default quantization is chosen for."
    ),
    force: bool = typer.Option(False, "--force", help="Convert again even if already converted."),
    models_file: Path | None = typer.Option(None, "--models-file", help=_MODELS_FILE_HELP),
) -> None:
    """Convert a translation model for the ctranslate2 backend ahead of time.

    The conversion is cached under $TRANSLATE_HOME/ct2/NAME/REVISION-QUANTIZATION (otherwise it
    happens on first use). The model is fetched first if needed and downloads are allowed.

    Example: translate models convert opus-mt-zh-en --quantization int8
    """
    from translate.errors import ConfigError

    if quantization is not None and quantization not in _QUANTIZATIONS:
        raise ConfigError(
            f"unknown quantization '{quantization}' (expected one of: {', '.join(_QUANTIZATIONS)})"
        )
    try:
        from translate.backends import ct2
    except ImportError as exc:
        raise ConfigError(
            f"the ctranslate2 backend is not installed ({exc}); pip install 'ctranslate2>=4,<5'"
        ) from None
    from translate.hub import locate
    from translate.registry import load_registry

    registry = load_registry(models_file)
    located = locate(name, task="translation", registry=registry)
    dev, _index = ct2.resolve_device(device.value)
    quant = quantization or ct2.default_quantization(dev)
    path, converted = ct2.convert(located, quant, force=force)
    verb = "converted" if converted else "already converted"
    typer.echo(f"{verb} {located.model_id} ({quant}) for ctranslate2: {path}")


# translate.backends.ct2.QUANTIZATIONS, repeated so that --help does not import ctranslate2
_QUANTIZATIONS = ("int8", "int8_float16", "float16", "float32")
