"""Config validation: each broken config gives its exact message and exit status 2, and touches nothing."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from newsdigest.cli import main
from newsdigest.config import ConfigError, load_config

GOOD = """\
site: {title: T, base_url: "https://example.org/news/", timezone: UTC}
content: [articles]
feeds:
  - {name: Local, url: feed.xml, topics: [tech]}
topics:
  - {name: Tech, slug: tech, keywords: [chip, {"machine learning": 2}]}
"""

BROKEN = [
    ("typo_in_top_level_key", "feds: []\n",
     ["c.yaml:1: feds: unknown key `feds` — did you mean `feeds`?"]),
    ("typo_in_nested_key", "site: {titel: X}\n",
     ["c.yaml:1: site.titel: unknown key `titel` — did you mean `title`?"]),
    ("wrong_type_for_number", "digest:\n  per_page: twenty\n",
     ["c.yaml:2: digest.per_page: expected a whole number from 1 to 1,000, got `twenty`"]),
    ("number_below_minimum", "digest: {key_points: 0}\n",
     ["c.yaml:1: digest.key_points: expected a whole number from 1 to 50, got `0`"]),
    ("feed_without_url", "feeds:\n  - name: A\n",
     ["c.yaml:2: feeds[0].url: is required but missing"]),
    ("feed_list_given_as_mapping", "feeds: {name: A}\n",
     ["c.yaml:1: feeds: expected a list (each item starting with `- `)"]),
    ("unknown_topic_on_feed", "topics: [{name: World}]\nfeeds:\n  - {name: A, url: a.xml, topics: [wrld]}\n",
     ["c.yaml:3: feeds[0].topics: unknown topic `wrld` — did you mean `world`?"]),
    ("duplicate_topic_slug", "topics:\n  - {name: World}\n  - {name: world}\n",
     ["c.yaml:3: topics[1].slug: `world` is already used by topics[0]; give each topic its own slug"]),
    ("duplicate_feed_name", "feeds:\n  - {name: A, url: a.xml}\n  - {name: A, url: b.xml}\n",
     ["c.yaml:3: feeds[1].name: `A` is already the name of feeds[0]; feed names must be unique"]),
    ("bad_timezone", "site: {timezone: Mars/Base}\n",
     ["c.yaml:1: site.timezone: unknown time zone `Mars/Base`; use an IANA name such as Europe/London or UTC"]),
    ("bad_base_url", "site: {base_url: 'ftp://x'}\n",
     [("c.yaml:1: site.base_url: expected an absolute http(s) URL such as https://example.org/news/ or a path "
      "such as /news/, got `ftp://x`")]),
    ("missing_content_folder", "content: [nowhere]\n",
     [("c.yaml:1: content[0]: folder `nowhere` not found (looked in {root}/nowhere); "
      "create it or remove it from `content`")]),
    ("bool_expected", "search: maybe\n", ["c.yaml:1: search: expected true or false, got `maybe`"]),
    ("invalid_yaml", "site:\n  title: [\n", [("c.yaml:3: not valid YAML: expected the node content, but found "
                                             "'<stream end>'; check indentation and quoting")]),
    ("empty_file", "", ["c.yaml: the config file is empty; see the README for a starting config"]),
    ("two_errors_in_file_order", "digest: {per_page: 0}\nfeds: []\n",
     ["c.yaml:1: digest.per_page: expected a whole number from 1 to 1,000, got `0`",
      "c.yaml:2: feds: unknown key `feds` — did you mean `feeds`?"]),
]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "c.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("name,text,expected", BROKEN, ids=[case[0] for case in BROKEN])
def test_broken_config_reports_exact_message(tmp_path, monkeypatch, name, text, expected):
    monkeypatch.chdir(tmp_path)
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_config("c.yaml")
    assert caught.value.errors == [line.format(root=tmp_path.resolve()) for line in expected]
    assert path.exists()


@pytest.mark.parametrize("name,text,expected", BROKEN, ids=[case[0] for case in BROKEN])
def test_broken_config_exits_2_and_leaves_site_untouched(tmp_path, monkeypatch, capsys, name, text, expected):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, text)
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("previous build", encoding="utf-8")
    assert main(["--config", "c.yaml", "--output", "site"]) == 2
    err = capsys.readouterr().err
    for line in expected:
        assert f"error: {line.format(root=tmp_path.resolve())}" in err
    assert (site / "index.html").read_text(encoding="utf-8") == "previous build"
    assert sorted(p.name for p in site.iterdir()) == ["index.html"]


def test_missing_config_file_names_it(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["--config", "absent.yaml"]) == 2
    assert "error: absent.yaml: config file not found; create it or pass --config PATH" in capsys.readouterr().err


def test_good_config_resolves_paths_and_weights(tmp_path):
    (tmp_path / "articles").mkdir()
    settings = load_config(write(tmp_path, GOOD))
    assert settings.site.base_url == "https://example.org/news/"
    assert settings.content == ((tmp_path / "articles").resolve(),)
    assert settings.feeds[0].url == str((tmp_path / "feed.xml").resolve())
    assert settings.feeds[0].topics == ("tech",)
    assert settings.topics[0].keywords == (("chip", 1.0), ("machine learning", 2.0))
    assert settings.digest.per_page == 20
    assert settings.archive.path == (tmp_path / ".cache/newsdigest.sqlite").resolve()


def test_base_url_path_gets_trailing_slash(tmp_path):
    settings = load_config(write(tmp_path, "site: {base_url: /news}\n"))
    assert settings.site.base_url == "/news/"


def test_topic_slug_defaults_to_slugified_name(tmp_path):
    settings = load_config(write(tmp_path, "topics:\n  - {name: Science & Health}\n"))
    assert settings.topics[0].slug == "science-health"


def test_shipped_config_is_valid(root):
    settings = load_config(root / "config.yaml")
    assert [t.slug for t in settings.topics] == ["world", "politics", "business", "technology", "science",
                                                 "health", "sport", "entertainment"]
    assert any(not f.url.startswith("http") for f in settings.feeds)
    assert sum(f.url.startswith("https://") for f in settings.feeds) >= 2


def test_help_documents_every_option(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    for option in ("--config", "--output", "--offline", "--strict", "--quiet", "--verbose"):
        assert option in out
    assert textwrap.dedent("Exit status") in out


# --- refusals from the hostile-config review (issue #11), each through the real CLI -------------------

A_FEED = "feeds:\n  - {name: A, url: %s}\n"
SCHEME_HELP = "a feed is an http:// or https:// URL, a file: URL or a path"
REFUSED = [
    ("ftp_url", A_FEED % '"ftp://example.org/feed.xml"',
     [f"c.yaml:2: feeds[0].url: unsupported URL scheme `ftp:` in `ftp://example.org/feed.xml`; {SCHEME_HELP}"]),
    ("javascript_url", A_FEED % '"javascript:alert(1)"',
     [(f"c.yaml:2: feeds[0].url: unsupported URL scheme `javascript:` in `javascript:alert(1)`; {SCHEME_HELP} "
      "(write ./javascript:alert(1) if it is a file name with a colon)")]),
    ("scheme_typo", A_FEED % '"htps://example.org/feed"',
     [(f"c.yaml:2: feeds[0].url: unsupported URL scheme `htps:` in `htps://example.org/feed` — did you mean "
      f"`https:`?; {SCHEME_HELP}")]),
    ("http_without_host", A_FEED % '"http:///feed.xml"',
     ["c.yaml:2: feeds[0].url: `http:///feed.xml` has no host name; write it as http://host/path"]),
    ("scheme_relative_url", A_FEED % '"//example.org/feed.xml"',
     ["c.yaml:2: feeds[0].url: `//example.org/feed.xml` has no scheme; write it as https://example.org/feed.xml"]),
    ("port_out_of_range", A_FEED % '"http://example.org:99999/f"',
     ["c.yaml:2: feeds[0].url: `http://example.org:99999/f` is not a well-formed URL; write it as https://host/path"]),
    ("threshold_nan", "stories: {threshold: .nan}\n",
     ["c.yaml:1: stories.threshold: expected a number from 0 to 1, got `.nan`"]),
    ("deadline_inf", "fetch:\n  deadline: .inf\n",
     ["c.yaml:2: fetch.deadline: expected a number from 0.1 to 3,600, got `.inf`"]),
    ("timeout_over_an_hour", "fetch: {timeout: 7200}\n",
     ["c.yaml:1: fetch.timeout: expected a number from 0.1 to 3,600, got `7200`"]),
    ("max_bytes_huge", "fetch: {max_bytes: 1.0e+30}\n",
     ["c.yaml:1: fetch.max_bytes: expected a whole number from 1,024 to 1,000,000,000, got `1.0e+30`"]),
    ("max_bytes_over_a_gigabyte", "fetch: {max_bytes: 2000000000}\n",
     ["c.yaml:1: fetch.max_bytes: expected a whole number from 1,024 to 1,000,000,000, got `2000000000`"]),
    ("per_page_huge", "digest: {per_page: 100000000000}\n",
     ["c.yaml:1: digest.per_page: expected a whole number from 1 to 1,000, got `100000000000`"]),
    ("keyword_weight_inf", "topics:\n  - {name: Tech, keywords: [{chip: .inf}]}\n",
     ["c.yaml:2: topics[0].keywords[0].chip: expected a number from 0 to 1,000, got `.inf`"]),
    ("nul_byte_in_file", "site: {title: T}\n# a comment\nfeeds: [\x00]\n",
     [("c.yaml:3: the file contains the control character U+0000 (not allowed in YAML); remove it — "
      "is this really the config file?")]),
    ("nul_escape_in_text", 'site: {title: "News\\0Digest"}\n',
     ["c.yaml:1: site.title: contains the control character U+0000; remove it"]),
    ("slug_path_traversal", "topics:\n  - {name: Etc, slug: ../../etc}\n",
     [("c.yaml:2: topics[0].slug: expected a slug of lowercase letters, digits and single hyphens (at most 60 "
      "characters) such as `world-news`, got `../../etc` — did you mean `etc`?")]),
    ("slug_capitals", "topics:\n  - {name: World, slug: World}\n",
     [("c.yaml:2: topics[0].slug: expected a slug of lowercase letters, digits and single hyphens (at most 60 "
      "characters) such as `world-news`, got `World` — did you mean `world`?")]),
    ("python_object_tag", "site:\n  title: !!python/object/apply:os.system [echo hi]\n",
     [("c.yaml:2: unsupported YAML tag `!!python/object/apply:os.system`; the config is plain YAML (text, numbers, "
      "true/false, lists and mappings) — remove the tag")]),
    ("local_tag_in_a_list", "feeds:\n  - name: A\n    url: !include other.yaml\n",
     [("c.yaml:3: unsupported YAML tag `!include`; the config is plain YAML (text, numbers, true/false, lists and "
      "mappings) — remove the tag")]),
    ("allow_private_not_bool", "fetch: {allow_private: maybe}\n",
     ["c.yaml:1: fetch.allow_private: expected true or false, got `maybe`"]),
    ("recursive_alias", "content: &x [*x]\n", ["c.yaml:1: content[0]: expected text, got a list"]),
]


@pytest.mark.parametrize("name,text,expected", REFUSED, ids=[case[0] for case in REFUSED])
def test_refused_config_gives_exact_message(tmp_path, monkeypatch, name, text, expected):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_config("c.yaml")
    assert caught.value.errors == expected


@pytest.mark.parametrize("name,text,expected", REFUSED, ids=[case[0] for case in REFUSED])
def test_refused_config_exits_2_through_build_py_and_leaves_the_site(tmp_path, root, name, text, expected):
    write(tmp_path, text)
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("previous build", encoding="utf-8")
    done = subprocess.run([sys.executable, str(root / "build.py"), "--config", "c.yaml", "--output", "site"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [f"error: {line}" for line in expected] + [
        "error: the config is invalid; nothing was built"]
    assert "Traceback" not in done.stderr
    assert (site / "index.html").read_text(encoding="utf-8") == "previous build"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.yaml", "site"]     # no archive, no temp folder


def test_plain_paths_and_file_urls_stay_feeds(tmp_path):
    text = ("feeds:\n  - {name: A, url: feeds/a.xml}\n  - {name: B, url: 'file:///srv/b.xml'}\n"
            "  - {name: C, url: ./odd:name.xml}\n  - {name: D, url: 'HTTPS://Example.org/d'}\n")
    settings = load_config(write(tmp_path, text))
    assert [f.url for f in settings.feeds] == [str((tmp_path / "feeds/a.xml").resolve()), "file:///srv/b.xml",
                                               str((tmp_path / "odd:name.xml").resolve()), "HTTPS://Example.org/d"]


def test_allow_private_global_and_per_feed(tmp_path):
    text = ("fetch: {allow_private: true}\nfeeds:\n  - {name: A, url: 'http://10.0.0.5/feed'}\n"
            "  - {name: B, url: 'http://intranet/feed', allow_private: false}\n")
    settings = load_config(write(tmp_path, text))
    assert settings.fetch.allow_private is True
    assert [f.allow_private for f in settings.feeds] == [None, False]      # None: follows fetch.allow_private


def test_bounds_are_inclusive(tmp_path):
    settings = load_config(write(tmp_path, "fetch: {timeout: 3600, max_bytes: 1000000000}\nstories: {threshold: 1}\n"))
    assert (settings.fetch.timeout, settings.fetch.max_bytes, settings.stories.threshold) == (3600.0, 10**9, 1.0)


def test_alias_bomb_is_refused_at_once(tmp_path, root):
    """Nine levels of nine aliases name 9⁹ (387 million) lists; each distinct node is looked at once."""
    lines = ["topics:", "  - {name: A, exclude: &l0 [x, x]}"]
    lines += [f"  - {{name: A{i}, exclude: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]}}" for i in range(1, 10)]
    write(tmp_path, "\n".join(lines) + "\n")
    done = subprocess.run([sys.executable, str(root / "build.py"), "--config", "c.yaml", "--output", "site"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 2
    assert done.stderr.splitlines()[0] == "error: c.yaml:2: topics[1].exclude[0]: expected text, got a list"  # an alias points at line 2
