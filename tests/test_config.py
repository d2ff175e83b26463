"""app.yaml: defaults, ${VAR} from the environment, and errors that name the key and the fix."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from bot.errors import ConfigError
from bot.settings import Settings
from kaizen.config import load_settings

REPO = Path(__file__).resolve().parent.parent


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "app.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_shipped_example_is_valid_and_uses_the_defaults() -> None:
    settings = load_settings(REPO / "app.yaml", env={})
    assert settings.five_whys.depth == 5
    assert settings.five_whys.stop_words == ("root cause", "done")
    assert settings.channels.ideas is None
    assert settings.timezone == "UTC"


def test_no_file_means_defaults() -> None:
    assert load_settings(None) == Settings()


def test_an_empty_file_means_defaults(tmp_path: Path) -> None:
    assert load_settings(write(tmp_path, "# nothing here\n")) == Settings()


def test_variables_come_from_the_environment(tmp_path: Path) -> None:
    path = write(tmp_path, "channels:\n  ideas: ${IDEAS}\ntimezone: ${TZ_NAME:-Europe/Berlin}\n")
    settings = load_settings(path, env={"IDEAS": "C-ideas"})
    assert settings.channels.ideas == "C-ideas"
    assert settings.timezone == "Europe/Berlin"


def test_a_missing_variable_names_the_key_and_the_fix(tmp_path: Path) -> None:
    path = write(tmp_path, "channels:\n  ideas: ${IDEAS_CHANNEL}\n")
    with pytest.raises(ConfigError) as error:
        load_settings(path, env={})
    message = str(error.value)
    assert "channels.ideas" in message and "IDEAS_CHANNEL" in message
    assert "export IDEAS_CHANNEL=" in message


def test_an_unknown_key_is_named_with_a_suggestion(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as error:
        load_settings(write(tmp_path, "five_why:\n  depth: 4\n"), env={})
    assert "unknown key 'five_why'" in str(error.value)
    assert "did you mean 'five_whys'?" in str(error.value)


def test_an_unknown_nested_key_lists_the_allowed_ones(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as error:
        load_settings(write(tmp_path, "five_whys:\n  colour: blue\n"), env={})
    assert "unknown key 'five_whys.colour'" in str(error.value)
    assert "depth, remind_after, stop_words" in str(error.value)


@pytest.mark.parametrize(
    ("text", "key", "fix"),
    [
        ("five_whys:\n  depth: 9\n", "five_whys.depth", "less than or equal to 7"),
        ("five_whys:\n  depth: 2\n", "five_whys.depth", "greater than or equal to 3"),
        ("five_whys:\n  remind_after: soon\n", "five_whys.remind_after", "like 30m, 4h"),
        ("five_whys:\n  stop_words: []\n", "five_whys.stop_words", "at least one stop word"),
        ("timezone: Mars/Olympus\n", "timezone", "like Europe/Berlin"),
        ("ideas:\n  max_length: lots\n", "ideas.max_length", "valid integer"),
    ],
)
def test_bad_values_name_the_key_and_the_fix(tmp_path: Path, text: str, key: str, fix: str) -> None:
    with pytest.raises(ConfigError) as error:
        load_settings(write(tmp_path, text), env={})
    assert f"- {key}:" in str(error.value)
    assert fix in str(error.value)


def test_durations_read_like_people_write_them(tmp_path: Path) -> None:
    settings = load_settings(write(tmp_path, "five_whys:\n  remind_after: 1h30m\n"), env={})
    assert settings.five_whys.remind_after == timedelta(hours=1, minutes=30)


def test_a_file_that_is_not_a_mapping_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="top level must be a mapping"):
        load_settings(write(tmp_path, "- just\n- a list\n"), env={})


def test_a_missing_file_says_how_to_point_at_one(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="--config PATH or set KAIZEN_CONFIG"):
        load_settings(tmp_path / "nope.yaml")


def test_a_directory_or_binary_file_is_refused_with_a_sentence(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="is a directory"):
        load_settings(tmp_path)
    binary = tmp_path / "app.yaml"
    binary.write_bytes(b"\xff\xfe bad")
    with pytest.raises(ConfigError, match="not UTF-8"):
        load_settings(binary)


def test_a_yaml_mistake_names_its_line(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"not valid YAML at line \d+, column \d+"):
        load_settings(write(tmp_path, "five_whys:\n  depth: 5\n  stop_words: [done\n"), env={})


def test_an_unfinished_variable_is_named(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"timezone has an unfinished variable"):
        load_settings(write(tmp_path, "timezone: ${TZ_NAME:-UTC\n"), env={})


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("five_whys:\n  stop_words: root cause\n", "write a list, like [first, second]"),
        ("five_whys: 5\n", "this is a section: put its keys indented under it"),
        ("timezone:\n", "give a text value, or leave the key out"),
        ("ideas:\n  min_length: 150\n  max_length: 200\n", "leaves no room under max_length"),
        ("five_whys:\n  remind_after: 0m\n", "greater than or equal to 1 minute"),
        ("slack_token: xoxb-1\n", "Secrets are never read from app.yaml"),
    ],
)
def test_mistakes_people_make_get_plain_fixes(tmp_path: Path, text: str, says: str) -> None:
    with pytest.raises(ConfigError) as error:
        load_settings(write(tmp_path, text), env={})
    assert says in str(error.value)
