"""The README's warning-signs table is the rule list, word for word, so the two never drift apart."""

from __future__ import annotations

from pathlib import Path

from cramp_diary.alerts import RULES, rules_table

README = Path(__file__).resolve().parents[1] / "README.md"


def test_the_readme_table_is_made_from_the_rules() -> None:
    text = README.read_text(encoding="utf-8")
    start = text.index("| Level | Sign | Fires when | Sources |")
    end = text.index("<!-- end of rules table -->", start)
    assert text[start:end] == rules_table(), "regenerate it: python -m cramp_diary.alerts"


def test_the_table_has_a_row_for_every_rule_the_medicine_one_included() -> None:
    table = rules_table()
    assert all(f"(`{rule.key}`)" in table for rule in RULES)
    assert "(`rise-after-medicine`)" in table
