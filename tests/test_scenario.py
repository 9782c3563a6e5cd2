"""Tests of deterrence.scenario: loading, validation and the bridges to the models.

Expected numbers are MODELS.md §5.1 (parameters and the smoke test) and §5.2 (events); the bad
inputs are derived from the parameter specs (DESIGN.md §6 item 5) besides the named file cases.
"""

import dataclasses
import datetime
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

import deterrence as dt
from deterrence.errors import DeprecatedKeyWarning, ProbabilityError, ScenarioError
from deterrence.games.crisis import EXCHANGE_PARAMETERS
from deterrence.scenario import (
    ALIASES,
    PARAMETERS,
    RETIRED,
    Event,
    ParamSpec,
    Scenario,
    bundled_scenarios,
    load_scenario,
    parameters_table,
)
from deterrence.scenario.schema import _LEAVES

# MODELS.md §5.1, transcribed: key -> (default, (low, high)); lognormals: ((median, sigma), range)
MODELS_5_1 = {
    "reputation_stake": (1.0, (0.5, 3.0)),
    "audience_cost": (1.0, (0.0, 3.0)),
    "weakness_threshold": ((3.0, 0.6), (1.0, 10.0)),
    "defender_tolerance": ((20.0, 0.7), (5.0, 100.0)),
    "cost_of_escalation": (6.0, (2.0, 20.0)),
    "p_patron_entry": (0.5, (0.2, 0.9)),
    "cost_patron_entry": (8.0, (5.0, 30.0)),
    "salvo_size": (150, (10, 400)),
    "launch_reliability": (0.7, (0.5, 0.95)),
    "intercept_prob": (0.8, (0.6, 0.95)),
    "shots_per_threat": (1, (1, 2)),
    "interceptor_inventory": (200, (50, 1000)),
    "proxy_autonomy": (0.2, (0.0, 0.5)),
    "attribution": (0.6, (0.3, 0.95)),
    "acceptable_risk": (0.05, (0.01, 0.2)),
    "marginal_cost": (0.002, (0.0, 0.01)),
}


@pytest.fixture(scope="module")
def iran():
    return load_scenario("iran-2024")


@pytest.fixture(scope="module")
def tower():
    return load_scenario("tower-22")


def write(tmp_path, text, name="my.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# -- the spec table --------------------------------------------------------------------------------


#: the exchange's own defaults (deterrence.games.crisis), transcribed
EXCHANGE_DEFAULTS = {
    "reputation_stake": 1.0,
    "audience_cost": 1.0,
    "cost_of_escalation": 6.0,
    "p_patron_entry": 0.5,
    "cost_patron_entry": 8.0,
    "defender_deterrence_loss": 1.0,
    "defender_reply_cost": 0.25,
    "defender_war_cost": 1.5,
    "defender_patron_value": 0.0,
    "calibrated_share": 0.5,
    "major_size": 3.0,
    "proportional_damage": 0.4,
}


def test_spec_table_covers_the_seed_the_exchange_and_alpha_weak():
    expected = set(MODELS_5_1) | set(EXCHANGE_DEFAULTS) | {"alpha_weak"}
    assert set(PARAMETERS) == expected
    assert set(EXCHANGE_PARAMETERS) == set(EXCHANGE_DEFAULTS)
    assert len(PARAMETERS) == 24  # 16 seed keys + 7 exchange-only keys + alpha_weak
    for name, (default, rng) in MODELS_5_1.items():
        spec = PARAMETERS[name]
        assert isinstance(spec, ParamSpec)
        assert spec.default == default and spec.range == rng, name
    for name, default in EXCHANGE_DEFAULTS.items():
        assert PARAMETERS[name].default == default, name
    assert PARAMETERS["alpha_weak"].default == 0.1


def test_every_key_is_named_by_role_and_declares_its_models():
    for name, spec in PARAMETERS.items():
        assert not any(word in name for word in ("israel", "iran", "us_", "_us")), name
        assert spec.models, name
    assert set(ALIASES.values()) <= set(PARAMETERS)
    assert not set(RETIRED) & set(PARAMETERS)


def test_every_spec_default_passes_its_own_check_and_lies_in_its_range():
    for key, leaf in _LEAVES.items():
        lo, hi = leaf.range
        assert lo <= leaf.default <= hi, key
        assert leaf.check(leaf.default, "") == leaf.default
        assert PARAMETERS[leaf.spec.name].doc and PARAMETERS[leaf.spec.name].source


def test_spec_table_is_read_only():
    with pytest.raises(TypeError):
        PARAMETERS["p_patron_entry"] = None
    with pytest.raises(dataclasses.FrozenInstanceError):
        PARAMETERS["p_patron_entry"].default = 0.9


def test_describe_and_markdown_table_are_derived_from_the_specs():
    line = PARAMETERS["salvo_size"].describe()
    assert line.startswith("salvo_size (n): munitions the challenger launches")
    assert "A whole number >= 1 (launches); plausible 10–400; default 150" in line
    assert "Used by: salvo, tree." in line
    assert (
        "median plausible 5–100 (response unit), default 20"
        in PARAMETERS["defender_tolerance"].describe()
    )
    table = parameters_table().splitlines()
    assert len(table) == 2 + len(PARAMETERS)
    assert all(f"`{name}`" in "\n".join(table) for name in PARAMETERS)
    assert "`p_patron_entry`" in dt.scenario.schema.__doc__  # the docs carry the generated table


# -- the bundled scenarios -------------------------------------------------------------------------


def test_bundled_scenarios_list_names_and_titles():
    found = bundled_scenarios()
    assert found["iran-2024"] == (
        "Iran's retaliation for the killings of Haniyeh and Shukr (Aug 2024)"
    )
    assert found["tower-22"] == "US retaliation for the Tower 22 drone attack (Jan-Feb 2024)"


def test_iran_2024_values_and_ranges_equal_models_5_1(iran):
    assert iran.name == "iran-2024" and iran.response_unit == "leakers"
    assert iran.players == ("Iran", "Israel")
    assert iran.roles == {
        "challenger": "Iran",
        "defender": "Israel",
        "patron": "United States",
        "proxies": "Hezbollah and allied militias",
    }
    assert iran.proxy_sponsor_name == "Iran"
    for name, (default, rng) in MODELS_5_1.items():
        if isinstance(default, tuple):
            assert iran.parameters[name] == default[0], name
            assert iran.parameters[f"{name}.sigma_log"] == default[1], name
        else:
            assert iran.parameters[name] == default, name
            assert type(iran.parameters[name]) is type(default), name  # counts stay ints
        assert iran.ranges[name] == rng, name
    for name, default in EXCHANGE_DEFAULTS.items():
        assert iran.parameters[name] == default
    assert iran.parameters["alpha_weak"] == 0.1
    assert set(iran.range_origin.values()) == {"stated"}
    assert iran.defaulted == frozenset()  # the bundled file spells every key out
    assert iran.outside_range() == {}
    assert dict(iran.parameters) == dict(Scenario().parameters)  # the file equals the specs


def test_threshold_distributions_have_the_given_medians_and_spreads(iran):
    # lognormal(median m, sigma s): ppf(0.5) = m, and cdf(m·e^s) = Φ(1) = 0.841345
    assert iran.weakness.ppf(0.5) == pytest.approx(3.0, rel=1e-12)
    assert iran.tolerance.ppf(0.5) == pytest.approx(20.0, rel=1e-12)
    assert iran.weakness.cdf(3 * math.exp(0.6)) == pytest.approx(stats.norm.cdf(1.0), rel=1e-12)
    assert iran.tolerance.cdf(20 * math.exp(0.7)) == pytest.approx(0.841345, abs=1e-6)


def test_war_cost_and_leak_probability(iran, tower):
    assert iran.war_cost == 10.0  # W = 6 + 0.5·8
    assert iran.leak_probability == pytest.approx(0.14, abs=1e-15)  # q = 0.7·(1 − 0.8)^1
    assert iran.replace(shots_per_threat=2).leak_probability == pytest.approx(0.028)  # 0.7·0.2²
    assert tower.war_cost == 11.0  # W_D = 11, no patron
    assert tower.leak_probability == pytest.approx(0.9025)  # 0.95·(1 − 0.05)


def test_iran_2024_events_are_the_five_rows_of_models_5_2(iran):
    assert [e.date for e in iran.events] == [
        datetime.date(2020, 1, 8),
        datetime.date(2024, 1, 28),
        datetime.date(2024, 4, 13),
        datetime.date(2024, 8, 5),
        datetime.date(2024, 10, 1),
    ]
    assert [e.launches for e in iran.events] == [16, 1, 320, None, 180]  # 320 = 170 + 30 + 120
    assert [e.counter_strike for e in iran.events] == [False, True, True, None, True]
    true_promise = iran.events[2]
    assert true_promise.name == "True Promise" and true_promise.intercept_rate == 0.99
    assert iran.events[1].deaths == 3
    with pytest.raises(dataclasses.FrozenInstanceError):
        true_promise.launches = 1


def test_tower_22_is_a_different_illustrative_scenario(tower, iran):
    assert tower.players == ("United States", "Iran")
    assert tower.patron is None and tower.proxies == "Iran-aligned militias"
    assert tower.proxy_sponsor_name == "Iran"  # the militias' attacks are attributed to Iran
    assert tower.response_unit == "munitions on target"
    assert tower.units["defender_tolerance"] == "munitions on target"
    assert tower.parameters["p_patron_entry"] == 0.0  # no patron: fixed at 0
    assert tower.range_origin["p_patron_entry"] == "absent"
    assert "Illustrative" in tower.description
    assert tower.parameters["salvo_size"] == 125 and tower.ranges["salvo_size"] == (20, 300)
    assert tower.tolerance.ppf(0.5) == pytest.approx(500.0)
    assert [e.name for e in tower.events] == [
        "Tower 22",
        "US strikes in Iraq and Syria",
        "Ain al-Asad strike after Soleimani's killing",
        "Rockets on al-Asad",
    ]
    # keys the file leaves out take the spec defaults and are marked as such
    assert tower.defaulted == {
        "calibrated_share",
        "major_size",
        "proportional_damage",
        "defender_deterrence_loss",
        "defender_reply_cost",
        "defender_war_cost",
        "defender_patron_value",
        "p_patron_entry",
        "cost_patron_entry",
    }
    assert tower.parameters["major_size"] == 3.0
    # values given without a range get the default spread around them, not the default range
    assert tower.range_origin["reputation_stake"] == "spread"
    assert tower.ranges["reputation_stake"] == (1.0, 4.0)
    assert tower.range_origin["major_size"] == "default"
    assert tower.notes["reputation_stake"].startswith("high: the first US combat deaths")
    assert tower.outside_range() == {}
    assert tower != iran


def test_loading_twice_gives_equal_hashable_scenarios(iran, tmp_path):
    again = load_scenario("iran-2024.toml")  # the suffix is accepted for a bundled name
    assert again == iran and hash(again) == hash(iran)
    assert load_scenario(iran) is iran
    path = write(tmp_path, "[parameters]\np_patron_entry = 0.3\n", name="mine.toml")
    assert load_scenario(path).name == "mine"  # no [scenario] table: the file's stem
    assert load_scenario(str(path)).parameters["p_patron_entry"] == 0.3


# -- bridges to the models -------------------------------------------------------------------------


def test_retaliation_game_equals_the_builder_at_the_defaults(iran):
    assert iran.retaliation_parameters() == EXCHANGE_DEFAULTS
    game = iran.retaliation_game()
    default = dt.games.retaliation_game()
    assert (game.A == default.A).all() and (game.B == default.B).all()
    # a change flows through: W = 6 + 0.9·8 = 13.2 in the (calibrated, escalate|·) cells
    game = iran.replace(p_patron_entry=0.9).retaliation_game()
    col = game.strategies[1].index("escalate|escalate")
    assert game.A[1, col] == pytest.approx(0.5 - 13.2)


def test_retaliation_game_uses_the_scenario_players(tower):
    game = tower.retaliation_game()
    assert game.players == ("United States", "Iran")
    # R̄ = a = 2 here: restraint costs −a = −2, a calibrated strike absorbed earns 0.5·R̄ = 1
    assert game.A[0, 0] == -2.0 and game.A[1, 0] == 1.0


def test_calibrated_response_reproduces_the_models_5_1_smoke_test(iran):
    model = iran.calibrated_response()
    # MODELS.md §5.1: R̄ + a = 2, W = 10, κ = 0.002, G = LN(3, 0.6), F = LN(20, 0.7):
    # r* ≈ 5.16 leakers (brentq on 2 g(r) = 10 f(r) + 0.002: 5.156886)
    assert model.optimum() == pytest.approx(5.156886, abs=1e-5)
    # strict window: G⁻¹(0.9) = 3·e^(0.6·1.28155) = 6.47 > F⁻¹(0.05) = 20·e^(−0.7·1.64485) = 6.32
    p = iran.parameters
    assert model.window(alpha_weak=p["alpha_weak"], rho=p["acceptable_risk"]) is None
    # a 150-launch salvo at q = 0.14: P(escalation) = E[F(L)], L ~ Bin(150, 0.14) ≈ 0.52
    esc = model.p_escalation_launches(p["salvo_size"], iran.leak_probability)
    assert esc == pytest.approx(0.51573, abs=5e-6)


def test_tower_22_window_is_open_and_contains_the_2_february_strike(tower):
    model = tower.calibrated_response()
    p = tower.parameters
    lo, hi = model.window(alpha_weak=p["alpha_weak"], rho=p["acceptable_risk"])
    # G⁻¹(0.9) = 40·e^(0.6·1.281552) = 86.298; F⁻¹(0.05) = 500·e^(−0.8·1.644854) = 134.119
    assert lo == pytest.approx(40 * math.exp(0.6 * stats.norm.ppf(0.9)), rel=1e-9)
    assert hi == pytest.approx(500 * math.exp(0.8 * stats.norm.ppf(0.05)), rel=1e-9)
    assert (round(lo, 3), round(hi, 3)) == (86.298, 134.119)
    # 125 launches at q = 0.9025 put 112.8 munitions on target on average: inside the window
    assert lo < p["salvo_size"] * tower.leak_probability < hi


# -- displays -------------------------------------------------------------------------------------


def test_to_frame_is_the_assumptions_table(iran):
    df = iran.to_frame()
    assert list(df.columns) == [
        "symbol",
        "value",
        "unit",
        "low",
        "high",
        "in_range",
        "defaulted",
        "range_origin",
        "note",
        "source",
    ]
    assert len(df) == len(PARAMETERS) + 2  # two lognormals add a sigma_log row each
    row = df.loc["defender_tolerance"]
    assert (row["value"], row["unit"], row["low"], row["high"]) == (20.0, "leakers", 5.0, 100.0)
    assert df.loc["defender_tolerance.sigma_log", "value"] == 0.7
    assert df.loc["p_patron_entry", "symbol"] == "π_P"
    assert df["in_range"].all() and not df["defaulted"].any()
    wide = iran.replace(salvo_size=500).to_frame()
    assert not wide.loc["salvo_size", "in_range"]
    assert not wide.loc["salvo_size", "defaulted"]


def test_repr_and_html_display(iran):
    assert repr(iran) == "<Scenario 'iran-2024': 26 parameters, 5 events>"
    page = iran._repr_html_()
    assert "Iran&#x27;s retaliation for the killings" in page  # escaped
    assert "<table" in page and "True Promise" in page and "2024-04-13" in page
    assert "patron United States" in page


# -- replace --------------------------------------------------------------------------------------


def test_replace_returns_a_new_validated_scenario(iran):
    new = iran.replace(p_patron_entry=0.9, salvo_size=200)
    assert new.war_cost == pytest.approx(13.2)  # 6 + 0.9·8
    assert new.parameters["salvo_size"] == 200
    assert iran.parameters["p_patron_entry"] == 0.5  # unchanged
    assert new != iran
    with pytest.raises(TypeError):
        new.parameters["p_patron_entry"] = 0.1  # read-only mapping
    with pytest.raises(ProbabilityError, match=r"parameters\.p_patron_entry .*got 1\.2"):
        iran.replace(p_patron_entry=1.2)
    with pytest.raises(ScenarioError, match=r"shots_per_threat .*got 2\.5"):
        iran.replace(shots_per_threat=2.5)
    with pytest.raises(ScenarioError, match="Did you mean 'p_patron_entry'"):
        iran.replace(p_us_entyr=0.3)


def test_replace_lognormal_parts_and_fields():
    base = Scenario()
    a = base.replace(defender_tolerance=30)
    assert a.tolerance.ppf(0.5) == pytest.approx(30) and a.parameters[
        "defender_tolerance.sigma_log"
    ] == pytest.approx(0.7)
    b = base.replace(**{"defender_tolerance.sigma_log": 0.5})
    c = base.replace(defender_tolerance={"median": 20, "sigma_log": 0.5})
    d = base.replace(**{"defender_tolerance.median": 20, "defender_tolerance.sigma_log": 0.5})
    assert b.parameters == c.parameters == d.parameters
    # V27-like check: LN(median 100, σ 0.5): F(60) = Φ(ln 0.6 / 0.5) = 0.1535
    v27 = base.replace(defender_tolerance={"median": 100, "sigma_log": 0.5})
    assert v27.tolerance.cdf(60) == pytest.approx(0.1535, abs=5e-5)
    with pytest.raises(ScenarioError, match="takes median and sigma_log.*Did you mean 'sigma_log'"):
        base.replace(defender_tolerance={"sigma_lg": 0.5})
    with pytest.raises(ScenarioError, match=r"sigma_log must lie in \(0, 3\].*got 0"):
        base.replace(**{"defender_tolerance.sigma_log": 0})
    wider = load_scenario("tower-22").replace(ranges={"salvo_size": (1, 500)})
    assert wider.ranges["salvo_size"] == (1, 500)
    assert wider.ranges["intercept_prob"] == (0.0, 0.2)  # the file's range is kept
    titled = base.replace(title="What if", players=("A", "B"))
    assert titled.title == "What if" and titled.players == ("A", "B")
    renamed = base.replace(challenger="India", defender="Pakistan", patron=None)
    assert renamed.roles == {"challenger": "India", "defender": "Pakistan", "proxies": "Proxies"}
    assert renamed.parameters["p_patron_entry"] == 0.0 and renamed.war_cost == 6.0
    back = renamed.replace(patron="China")
    assert back.parameters["p_patron_entry"] == 0.5 and back.war_cost == 10.0
    assert dataclasses.replace(base, name="x").parameters == base.parameters


def test_replace_updates_the_defaulted_keys():
    s = Scenario.from_toml("[parameters]\np_patron_entry = 0.3\n")
    assert "p_patron_entry" not in s.defaulted and "salvo_size" in s.defaulted
    assert len(s.defaulted) == len(_LEAVES) - 1
    assert "salvo_size" not in s.replace(salvo_size=100).defaulted


# -- bad inputs derived from the specs --------------------------------------------------------------

DERIVED_BAD = [
    pytest.param(key, value, error, id=f"{key}={value!r}")
    for key, leaf in _LEAVES.items()
    for value, error in leaf.spec.invalid_values()
]


@pytest.mark.parametrize("key, value, error", DERIVED_BAD)
def test_every_spec_rejects_its_derived_bad_values(key, value, error):
    with pytest.raises(error) as info:
        Scenario().replace(**{key: value})
    message = str(info.value)
    leaf = _LEAVES[key]
    assert leaf.label in message  # the key
    assert repr(value) in message or f"{value:g}" in message  # the bad value
    assert "Plausible range" in message  # the range
    assert "Fix" in message or "Give a fraction" in message  # the fix


def test_derived_bad_values_cover_every_kind():
    kinds = {leaf.spec.kind for leaf in _LEAVES.values()}
    assert kinds == {
        "probability",
        "open_probability",
        "reliability",
        "kill_probability",
        "utils",
        "nonnegative",
        "multiple",
        "count",
        "positive_count",
        "lognormal",
    }
    assert len(DERIVED_BAD) >= 4 * len(_LEAVES) - 2  # a lognormal's sigma_log has 3


# -- bad files ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, error, fragments",
    [
        pytest.param(
            "[parameters]\nreputation_stak = 1.0\n",
            ScenarioError,
            ["unknown parameter 'reputation_stak'", "Did you mean 'reputation_stake'?"],
            id="misspelt-key",
        ),
        pytest.param(
            "[parameters.israel_tolerence]\nmedian = 20\n",
            ScenarioError,
            ["Did you mean 'defender_tolerance'?"],
            id="misspelt-table",
        ),
        pytest.param(
            "[parameters]\np_us_entry = 1.2\n",
            ProbabilityError,
            ["parameters.p_patron_entry", "probability in [0, 1]", "got 1.2", "0.2–0.9"],
            id="probability-1.2",
        ),
        pytest.param(
            "[parameters.launch_reliability]\nvalue = 70\n",
            ProbabilityError,
            ["got 70", "not a percentage"],
            id="percentage",
        ),
        pytest.param(
            "[parameters]\nsalvo_size = -5\n",
            ScenarioError,
            ["parameters.salvo_size", "whole number >= 1", "got -5", "10–400 launches"],
            id="negative-count",
        ),
        pytest.param(
            "[parameters]\nshots_per_threat = 2.5\n",
            ScenarioError,
            ["parameters.shots_per_threat", "whole number >= 1", "got 2.5"],
            id="fractional-shots",
        ),
        pytest.param(
            '[parameters]\nsalvo_size = "150"\n',
            ScenarioError,
            ["parameters.salvo_size must be a number", "'150' (str)", "without quotes"],
            id="string-value",
        ),
        pytest.param(
            "[parameters.audience_cost]\nvalue = true\n",
            ScenarioError,
            ["parameters.audience_cost must be a number", "True (bool)", "not true/false"],
            id="bool-value",
        ),
        pytest.param(
            "[parameters]\ncost_us_entry = [5, 8]\n",
            ScenarioError,
            ["parameters.cost_patron_entry must be a number", "give one number"],
            id="list-value",
        ),
        pytest.param(
            "[parameters]\ncost_us_entry = -8\n",
            ScenarioError,
            ["parameters.cost_patron_entry must lie in [0, inf) utils; got -8", "Fix:"],
            id="negative-cost",
        ),
        pytest.param(
            "[parameters]\nintercept_prob = 1.0\n",
            ProbabilityError,
            ["parameters.intercept_prob must be a probability in [0, 1)", "got 1.0"],
            id="certain-kill",
        ),
        pytest.param(
            "[parameters]\nacceptable_risk = 0\n",
            ProbabilityError,
            ["parameters.acceptable_risk must be a probability strictly between 0 and 1"],
            id="zero-acceptable-risk",
        ),
        pytest.param(
            "[parameters]\nsalvo_size = 0\n",
            ScenarioError,
            ["parameters.salvo_size", "whole number >= 1"],
            id="empty-salvo",
        ),
        pytest.param(
            '[scenario]\nchallenger = "India"\n',
            ScenarioError,
            ["names the challenger but not the defender"],
            id="one-role",
        ),
        pytest.param(
            '[scenario]\nchallenger = "India"\ndefender = "Pakistan"\n'
            "[parameters]\np_patron_entry = 0.4\n",
            ScenarioError,
            ["parameters.p_patron_entry = 0.4 needs a patron role", 'patron = "..."'],
            id="patron-key-without-patron",
        ),
        pytest.param(
            '[scenario]\nchallenger = "India"\ndefender = "India"\n',
            ScenarioError,
            ["the roles must name different players"],
            id="same-player-twice",
        ),
        pytest.param(
            '[scenario]\nchallenger = "A"\ndefender = "B"\nproxies = "C"\n'
            'proxy_sponsor = "patron"\n',
            ScenarioError,
            ["proxy_sponsor must be 'challenger' or 'defender'"],
            id="bad-sponsor",
        ),
        pytest.param(
            "[parameters.p_patron_entry]\nvalue = 0.5\ndistrbution = 3\n",
            ScenarioError,
            ["unknown key 'distrbution'", "Did you mean 'distribution'?"],
            id="misspelt-distribution",
        ),
        pytest.param(
            "[parameters]\nmajor_size = 1.0\n",
            ScenarioError,
            ["parameters.major_size must lie in (1, inf)", "larger than a calibrated one"],
            id="major-size-1",
        ),
        pytest.param(
            "[parameters]\ncost_us_entry = nan\n",
            ScenarioError,
            ["parameters.cost_patron_entry must be finite"],
            id="nan",
        ),
        pytest.param(
            "[parameters.defender_tolerance]\nmedian = 20\nrange = [100, 5]\n",
            ScenarioError,
            ["parameters.defender_tolerance.range = [100, 5] is inverted", "write [5, 100]"],
            id="inverted-range",
        ),
        pytest.param(
            "[parameters.p_patron_entry]\nvalue = 0.5\nrange = [0.2, 1.5]\n",
            ProbabilityError,
            ["parameters.p_patron_entry.range[1] must be a probability", "got 1.5"],
            id="range-outside-hard-bounds",
        ),
        pytest.param(
            "[parameters.p_patron_entry]\nrange = [0.2]\n",
            ScenarioError,
            ["parameters.p_patron_entry.range must be two numbers [low, high]"],
            id="range-one-number",
        ),
        pytest.param(
            "[parameters.weakness_threshold]\nsigma_log_range = [1.0, 0.5]\n",
            ScenarioError,
            ["weakness_threshold.sigma_log_range = [1, 0.5] is inverted"],
            id="inverted-sigma-range",
        ),
        pytest.param(
            "[parameters.defender_tolerance]\nmedian = 0\n",
            ScenarioError,
            ["parameters.defender_tolerance.median", "(0, inf)", "got 0"],
            id="zero-median",
        ),
        pytest.param(
            "[parameters.defender_tolerance]\nvalue = 20\n",
            ScenarioError,
            [
                "unknown key 'value' in [parameters.defender_tolerance]",
                "median = ... and sigma_log",
            ],
            id="lognormal-given-value",
        ),
        pytest.param(
            "[parameters.p_patron_entry]\nmedian = 0.5\n",
            ScenarioError,
            ["It is a single number: give value = ..."],
            id="scalar-given-median",
        ),
        pytest.param(
            "[parameters.p_patron_entry]\nvalue = 0.5\nrnage = [0.2, 0.9]\n",
            ScenarioError,
            ["unknown key 'rnage' in [parameters.p_patron_entry]", "Did you mean 'range'?"],
            id="misspelt-field",
        ),
        pytest.param(
            '[parameters.defender_tolerance]\nmedian = 200\nunit = "launches"\n',
            ScenarioError,
            ["unit = 'launches' does not match", "'leakers'", "response_unit"],
            id="unit-mismatch",
        ),
        pytest.param(
            '[parameters.cost_patron_entry]\nvalue = 8\nunit = "dollars"\n',
            ScenarioError,
            ["unit = 'dollars' does not match", "'utils'"],
            id="unit-mismatch-utils",
        ),
        pytest.param(
            "[paramters]\np_us_entry = 0.5\n",
            ScenarioError,
            ["unknown top-level key 'paramters'", "Did you mean 'parameters'?"],
            id="misspelt-table-name",
        ),
        pytest.param(
            '[scenario]\ntitel = "x"\n',
            ScenarioError,
            ["unknown key 'titel' in [scenario]", "Did you mean 'title'?"],
            id="misspelt-scenario-key",
        ),
        pytest.param(
            '[scenario]\nresponse_unit = 3\n[parameters.defender_tolerance]\nunit = "3"\n',
            ScenarioError,
            ["response_unit must be non-empty text; got 3"],
            id="response-unit-not-text",
        ),
        pytest.param(
            "[scenario]\ntitle = 3\n",
            ScenarioError,
            ["title must be text; got 3"],
            id="title-not-text",
        ),
        pytest.param(
            '[scenario]\nplayers = ["Iran"]\n',
            ScenarioError,
            ["players must be two names [challenger, defender]"],
            id="one-player",
        ),
        pytest.param(
            '[[events]]\ndate = "2024-04-13"\nname = "x"\n',
            ScenarioError,
            ["events[0]", "date must be a calendar date", "unquoted"],
            id="event-date-string",
        ),
        pytest.param(
            '[[events]]\ndate = 2024-04-13\nname = "x"\nlaunchs = 3\n',
            ScenarioError,
            ["events[0]: unknown key 'launchs'", "Did you mean 'launches'?"],
            id="event-misspelt",
        ),
        pytest.param(
            '[[events]]\ndate = 2024-04-13\nname = "x"\nintercept_rate = 99\n',
            ProbabilityError,
            ["events[0]", "intercept_rate must be a probability"],
            id="event-percentage",
        ),
        pytest.param(
            '[[events]]\ndate = 2024-04-13\nname = "x"\nlaunches = 2.5\n',
            ScenarioError,
            ["events[0]", "launches must be a whole number"],
            id="event-fractional-launches",
        ),
        pytest.param(
            "[[events]]\ndate = 2024-04-13\n",
            ScenarioError,
            ["events[0]: missing name"],
            id="event-no-name",
        ),
        pytest.param(
            '[[events]]\ndate = 2024-04-13\nname = "x"\ncounter_strike = "yes"\n',
            ScenarioError,
            ["counter_strike must be true or false"],
            id="event-bool",
        ),
        pytest.param(
            "events = 3\n",
            ScenarioError,
            ["events must be an array of tables ([[events]])"],
            id="events-not-array",
        ),
    ],
)
@pytest.mark.filterwarnings("ignore::deterrence.errors.DeprecatedKeyWarning")
def test_bad_scenario_files(tmp_path, text, error, fragments):
    path = write(tmp_path, text, name="bad.toml")
    with pytest.raises(error) as info:
        load_scenario(path)
    message = str(info.value)
    assert f"scenario file '{path}'" in message  # the file is named
    for fragment in fragments:
        assert fragment in message


def test_invalid_toml_names_the_file_and_the_line(tmp_path):
    path = write(tmp_path, '[scenario]\nname = "x"\ntitle = unquoted text\n', name="broken.toml")
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    message = str(info.value)
    assert "broken.toml" in message and "invalid TOML" in message
    assert "line 3" in message
    assert isinstance(info.value, ValueError)


def test_unknown_bundled_name_lists_the_bundled_and_the_close_match():
    with pytest.raises(ScenarioError) as info:
        load_scenario("iran-2042")
    message = str(info.value)
    assert "no such file or bundled scenario 'iran-2042'" in message
    assert "Did you mean 'iran-2024'?" in message
    assert "Bundled: al-asad-2020, april-2024, balakot-2019, iran-2024," in message


def test_directory_non_utf8_and_wrong_type(tmp_path):
    with pytest.raises(ScenarioError, match="is a directory"):
        load_scenario(tmp_path)
    path = tmp_path / "latin1.toml"
    path.write_bytes('[scenario]\ntitle = "Téhéran"\n'.encode("latin-1"))
    with pytest.raises(ScenarioError, match="not UTF-8"):
        load_scenario(path)
    with pytest.raises(ScenarioError, match="path or the name of a bundled scenario"):
        load_scenario(3)


def test_direct_construction_validates():
    with pytest.raises(ScenarioError, match="parameters must be a mapping"):
        Scenario(parameters=[("p_patron_entry", 0.5)])
    with pytest.raises(ScenarioError, match="events\\[0\\] must be an Event"):
        Scenario(events=({"name": "x"},))
    with pytest.raises(ScenarioError, match="name must be non-empty text"):
        Scenario(name="")
    with pytest.raises(ScenarioError, match="ranges.*Did you mean 'salvo_size'"):
        Scenario(ranges={"salvo_sise": (1, 2)})


def test_event_validates_its_fields():
    ev = Event(datetime.date(2024, 4, 13), "True Promise", launches=320.0, intercept_rate=0.99)
    assert ev.launches == 320 and isinstance(ev.launches, int)
    with pytest.raises(ScenarioError, match="deaths must be a whole number >= 0; got -1"):
        Event(datetime.date(2024, 1, 28), "Tower 22", deaths=-1)
    with pytest.raises(ScenarioError, match="calendar date"):
        Event(datetime.datetime(2024, 1, 28, 12), "Tower 22")


# -- short forms, defaults and the plausible range ---------------------------------------------------


def test_short_form_dotted_keys_and_defaults():
    s = Scenario.from_toml(
        "[parameters]\n"
        "reputation_stake = 2\n"  # an int is read as utils 2.0
        "defender_tolerance = 30\n"  # a bare number sets the median
        "weakness_threshold.sigma_log = 0.5\n"  # TOML dotted key: the spread only
    )
    p = s.parameters
    assert p["reputation_stake"] == 2.0 and isinstance(p["reputation_stake"], float)
    assert (p["defender_tolerance"], p["defender_tolerance.sigma_log"]) == (30.0, 0.7)
    assert (p["weakness_threshold"], p["weakness_threshold.sigma_log"]) == (3.0, 0.5)
    assert p["salvo_size"] == 150  # left out: the spec default
    assert s.ranges["reputation_stake"] == (1.0, 4.0)  # given: the default spread, [v/2, 2v]
    assert s.ranges["salvo_size"] == (10, 400)  # left out: the default value and range
    assert s.notes["reputation_stake"] == PARAMETERS["reputation_stake"].doc
    assert s.name == "custom" and s.players == ("Challenger", "Defender")


def test_value_outside_the_plausible_range_is_allowed_and_reported(tmp_path):
    path = write(tmp_path, "[parameters.salvo_size]\nvalue = 500\nrange = [10, 400]\n")
    s = load_scenario(path)
    assert s.outside_range() == {"salvo_size": (500, (10, 400))}
    custom = Scenario.from_toml("[parameters.salvo_size]\nvalue = 500\nrange = [100, 600]\n")
    assert custom.outside_range() == {}


def _toml_number(x):
    return str(x) if isinstance(x, int) else repr(float(x))


@st.composite
def plausible_value(draw):
    key = draw(st.sampled_from(sorted(_LEAVES)))
    lo, hi = _LEAVES[key].range
    if _LEAVES[key].kind.integer:
        value = draw(st.integers(int(lo), int(hi)))
    else:
        value = draw(st.floats(lo, hi, allow_nan=False, allow_infinity=False))
    return key, value


@settings(max_examples=60, deadline=None)
@given(plausible_value())
def test_any_value_inside_the_plausible_range_loads(key_value):
    key, value = key_value
    s = Scenario.from_toml(f"[parameters]\n{key} = {_toml_number(value)}\n")
    assert s.parameters[key] == value
    assert s.outside_range() == {}
    assert Scenario().replace(**{key: value}).parameters[key] == value


def test_probability_errors_are_scenario_errors_too(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[scenario]\nname = "x"\n[parameters]\np_patron_entry = 1.2\n')
    with pytest.raises(ScenarioError, match="p_patron_entry") as info:
        dt.load_scenario(bad)
    assert isinstance(info.value, ProbabilityError)


# -- roles, deprecated names, the default spread --------------------------------------------------


def test_deprecated_key_loads_with_a_warning_naming_the_new_key():
    with pytest.warns(
        DeprecatedKeyWarning, match="'p_us_entry' is deprecated; use 'p_patron_entry'"
    ):
        s = Scenario.from_toml("[parameters]\np_us_entry = 0.3\n")
    assert s.parameters["p_patron_entry"] == 0.3
    with pytest.warns(DeprecatedKeyWarning, match="use 'defender_tolerance'"):
        s = Scenario.from_toml("[parameters.israel_tolerance]\nmedian = 30\n")
    assert s.parameters["defender_tolerance"] == 30.0
    with pytest.warns(DeprecatedKeyWarning, match="use 'cost_of_escalation'"):
        assert Scenario().replace(cost_israeli_escalation=4).war_cost == 8.0  # 4 + 0.5·8


def test_retired_keys_load_with_a_warning_and_are_ignored():
    for key in RETIRED:
        with pytest.warns(DeprecatedKeyWarning, match=f"'{key}' is no longer used"):
            s = Scenario.from_toml(f"[parameters]\n{key} = 0.5\n")
        assert key not in s.parameters


def test_players_is_a_deprecated_spelling_of_the_roles():
    with pytest.warns(DeprecatedKeyWarning, match="players = \\[...\\] is deprecated"):
        s = Scenario.from_toml('[scenario]\nplayers = ["A", "B"]\n[parameters]\np_us_entry = 0.3\n')
    # the old meaning: a third party may enter, proxies exist (the numbers do not change)
    assert s.players == ("A", "B") and s.patron == "third party" and s.war_cost == 6 + 0.3 * 8


def test_a_scenario_without_patron_or_proxies(tmp_path):
    text = '[scenario]\nchallenger = "India"\ndefender = "Pakistan"\n'
    s = Scenario.from_toml(text)
    assert s.roles == {"challenger": "India", "defender": "Pakistan"}
    assert s.parameters["p_patron_entry"] == 0.0 and s.parameters["proxy_autonomy"] == 0.0
    assert s.war_cost == 6.0  # W = W_D alone
    # a zero for an absent role's key is accepted (it says the same thing)
    assert Scenario.from_toml(text + "[parameters]\np_patron_entry = 0\n") == s


def test_distribution_field_is_reserved_and_kept():
    s = Scenario.from_toml(
        '[parameters.p_patron_entry]\nvalue = 0.5\ndistribution = { family = "uniform" }\n'
    )
    assert s.distributions["p_patron_entry"] == {"family": "uniform"}


@pytest.mark.parametrize(
    "key, value, expected",
    [
        ("p_patron_entry", 0.4, (0.2, 0.7)),  # halfway to 0 and to 1
        ("p_patron_entry", 0.0, (0.0, 0.5)),
        ("cost_of_escalation", 5.0, (2.5, 10.0)),  # half to double
        ("cost_of_escalation", 0.0, (0.0, 6.0)),  # zero: up to the default
        ("salvo_size", 125, (62, 250)),  # whole numbers, rounded outward
        ("major_size", 3.0, (2.0, 5.0)),  # the excess over 1, half to double
        ("defender_tolerance.sigma_log", 0.8, (0.4, 1.6)),
    ],
)
def test_default_spread(key, value, expected):
    assert dt.scenario.default_spread(key, value) == pytest.approx(expected)
    s = Scenario(parameters={key: value})  # a value given without a range: the spread
    assert s.ranges[key] == pytest.approx(expected) and s.range_origin[key] == "spread"


def test_template_loads_and_names_every_key():
    text = dt.scenario.template("my-crisis")
    s = Scenario.from_toml(text, name="x")
    assert s.name == "my-crisis" and s.roles["patron"] == "Patron"
    assert all(f"[parameters.{k}]" in text for k in PARAMETERS)
    assert set(s.range_origin.values()) == {"spread"}  # no range stated: every value spreads
