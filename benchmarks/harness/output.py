"""What a benchmark prints (``name: value unit`` and ``#`` lines) and how it fails."""


class BenchmarkError(Exception):
    pass


def comment(text):
    for line in str(text).splitlines() or [""]:
        print(f"# {line}", flush=True)


def metric(name, value, unit):
    print(f"{name}: {value} {unit}", flush=True)
