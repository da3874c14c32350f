import json

from modus.matchmaking.scheduling.cli import main
from modus.matchmaking.scheduling.feasibility import check
from modus.matchmaking.scheduling.instance import instance_to_json, load_instance
from tests.matchmaking.scheduling.instances import tiny


def test_prints_the_solution_json(tmp_path, capsys):
    path = tmp_path / "tiny.json"
    path.write_text(json.dumps(instance_to_json(tiny())), encoding="utf-8")
    assert main([str(path), "--time-limit", "2"]) == 0
    solution = json.loads(capsys.readouterr().out)
    assert sorted(solution) == [
        "assignments",
        "bound",
        "objective",
        "seconds",
        "status",
        "unscheduled",
    ]
    assert check(load_instance(path), solution) == []
    assert solution["objective"]["placed"] == 4


def test_bad_instance_exits_2_with_the_reason(tmp_path, capsys):
    data = instance_to_json(tiny())
    data["meetings"][0]["participants"] = ["p0", "ghost"]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert main([str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "meetings[0] (m1).participants: unknown participant 'ghost'" in captured.err


def test_missing_file_and_bad_arguments_exit_2(tmp_path, capsys):
    assert main([str(tmp_path / "nothing.json")]) == 2
    assert "cannot read" in capsys.readouterr().err
    assert main([]) == 2
    assert "the following arguments are required: instance" in capsys.readouterr().err
    assert main([str(tmp_path / "x.json"), "--time-limit", "0"]) == 2
    assert "--time-limit must be positive" in capsys.readouterr().err
