"""Build time against plain Material, and how build time grows with the content and the questions."""

from __future__ import annotations

import copy
import json
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml
from bench_report import Row, metric

ROOT = Path(__file__).resolve().parent.parent.parent
BENCH = Path(__file__).resolve().parent
PROJECT_FILES = ("mkdocs.yml", "mkdocs.de.yml", "guidance.schema.json", "docs", "hooks", "overrides")


def run_timed(command: list[str], cwd: Path = ROOT) -> float:
    """Wall time of a fresh process, as `make build` is one (start-up and imports included)."""
    return run_measured(command, cwd)[0]


def run_measured(command: list[str], cwd: Path = ROOT) -> tuple[float, float]:
    """(wall time, CPU time) of a fresh process; the CPU time includes the processes it forked (the coach
    builds German in a child on a second CPU), so the table shows what the wall time alone would hide."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode:
        raise RuntimeError(f"{' '.join(map(str, command))} failed:\n{result.stdout}{result.stderr}")
    return seconds, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def coach_build(out: Path, url: str, project: Path = ROOT) -> list[str]:
    return [sys.executable, str(project / "tools" / "coach_site.py"), "build", "--out", str(out), "--site-url", url]


def plain_build(plain_project: Path, out: Path, url: str) -> list[str]:
    return [sys.executable, str(BENCH / "plain_material.py"), str(plain_project), str(out), url]


@metric("Build: both languages, each build a fresh process (median of paired runs, alternating)")
def build_time(bench):
    coach, plain = [], []
    for _ in range(bench.build_runs):
        coach.append(run_measured(coach_build(bench.coach_site, bench.coach_url)))
        plain.append(run_measured(plain_build(bench.plain_project, bench.plain_site, bench.plain_url)))
    measured, baseline = (statistics.median(wall for wall, _ in runs) for runs in (coach, plain))
    cpu, plain_cpu = (statistics.median(cpu for _, cpu in runs) for runs in (coach, plain))
    yield Row(f"make build ({bench.build_runs} runs)", measured, goal="<= 1.25x plain", ok=measured <= 1.25 * baseline,
              unit="s", plain=baseline, note=f"coach runs {', '.join(f'{wall:.2f}' for wall, _ in coach)}; "
                                             f"CPU {cpu:.2f} s, plain {plain_cpu:.2f} s ({cpu / plain_cpu:.2f}x)")


# --- growth: the same site with more content, or more questions -------------------------------------

def grown(data: dict, factor: int) -> dict:
    """`factor` times the guide phases, templates and checklist groups (copies with new ids)."""
    data = copy.deepcopy(data)

    def copies(items: list, rename) -> list:
        return items + [rename(copy.deepcopy(item), n) for n in range(2, factor + 1) for item in items]

    def phase(item, n):
        item["id"] = f"{item['id']}-{n}"
        for recommendation in item.get("recommendations", []):
            recommendation["id"] = f"{recommendation['id']}-{n}"
        return item

    def group(item, n):
        item["id"] = f"{item['id']}-{n}"
        for entry in item.get("items", []):
            entry["id"] = f"{entry['id']}-{n}"
        return item

    data["phases"] = copies(data["phases"], phase)
    data["templates"]["items"] = copies(data["templates"]["items"], phase)
    data["checklist"]["groups"] = copies(data["checklist"]["groups"], group)
    return data


def _question_and_decision(wizard: dict) -> tuple[dict, dict]:
    """A question that exactly one decision depends on besides the door question (the home page's ways
    in), and that decision: a copy of both is one more question that sets plans apart."""
    doors = {question["id"] for question in wizard["questions"] if question.get("door")}
    for decision in wizard["decisions"]:
        text = json.dumps(decision)
        used = [q for q in wizard["questions"] if q["id"] not in doors and f'"{q["id"]}"' in text]
        if len(used) == 1:
            return used[0], decision
    raise LookupError("no decision depends on exactly one question besides the door")


def with_questions(data: dict, extra: int) -> dict:
    """`extra` more questions, each a copy of one question (see above) deciding a copy of its decision."""
    data = copy.deepcopy(data)
    wizard = data["wizard"]
    template_question, template_decision = _question_and_decision(wizard)
    name = template_question["id"]
    for n in range(2, extra + 2):
        question = copy.deepcopy(template_question)
        question["id"] = f"{name}_{n}"
        wizard["questions"].append(question)
        decision = json.loads(json.dumps(template_decision).replace(f'"{name}"', f'"{name}_{n}"'))
        decision["id"] = f"{template_decision['id']}_{n}"
        for rule in decision["rules"] + ([decision["otherwise"]] if isinstance(decision.get("otherwise"), dict) else []):
            if "id" in rule:
                rule["id"] = f"{rule['id']}-{n}"
            for shared in ("steps", "checklist", "headline"):  # the original rule's, which a plan holds once
                rule.pop(shared, None)
        wizard["decisions"].append(decision)
    return data


def copy_project(folder: Path) -> Path:
    """What `tools/coach_site.py` needs to build or serve, guidance.yaml excepted, copied into `folder`."""
    folder.mkdir(parents=True)
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, folder / name)
    (folder / "tools").mkdir()
    shutil.copy2(ROOT / "tools" / "coach_site.py", folder / "tools" / "coach_site.py")
    shutil.copy2(ROOT / "tools" / "dev_server.py", folder / "tools" / "dev_server.py")
    return folder


def _project_with(guidance: dict, folder: Path) -> Path:
    copy_project(folder)
    (folder / "guidance.yaml").write_text(yaml.safe_dump(guidance, allow_unicode=True, sort_keys=False, width=1000),
                                          encoding="utf-8")
    return folder


def _measure(bench, name: str, guidance: dict) -> tuple[float | None, str]:
    project = _project_with(guidance, bench.tmp / f"growth-{name}")
    out = project / "site"
    try:
        seconds = run_timed(coach_build(out, "http://127.0.0.1:8000/", project), cwd=project)
    except RuntimeError as error:
        return None, f"did not build: {str(error).strip().splitlines()[-1][:90]}"
    table = json.loads((out / "wizard" / "decision-table.json").read_text(encoding="utf-8"))
    plans = {path["plan"]["id"] for path in table["paths"]}
    pages = sum(1 for _ in out.rglob("*.html"))
    shutil.rmtree(project)
    return seconds, f"{pages} pages, {len(table['paths'])} paths, {len(plans)} plans"


@metric("Growth: one build each (a fresh process), of generated larger guidance files")
def growth(bench):
    sys.path.insert(0, str(ROOT / "hooks"))
    from coach.source import load

    data = load(ROOT / "guidance.yaml").data  # the file as plain data, to copy and grow
    times = {}
    for factor in (1, 4, 16):
        seconds, what = _measure(bench, f"x{factor}", grown(data, factor))
        times[factor] = seconds
        yield Row(f"content x{factor}", seconds, unit="s", note=what)
    for extra in (1, 2):
        seconds, what = _measure(bench, f"q{extra}", with_questions(data, extra))
        yield Row(f"questions +{extra}", seconds, unit="s", note=what)
    if times[1] and times[16]:
        ratio = times[16] / times[1]
        yield Row("time at x16 content / time at x1", ratio, goal="<= 16", ok=ratio <= 16)
