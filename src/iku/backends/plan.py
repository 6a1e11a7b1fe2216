"""What an evaluation needs to know about its subject, worked out once per subject and cached.

A plan lists the compiled kernels of the subject's indicators (in decree order), every variable
they use with its kind, range and aggregation, and which column names are variables (the rest
of a table's columns are keys). For a set, kinds come from its declared variables; a lone
indicator declares none, so its variables are taken as amounts (non-negative reals, summed when
grouped), except an index's, taken as reals (any sign, averaged when grouped).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping
from typing import Any, Final

from iku.backends.kernels import Kernel, kernel
from iku.model import Index, Indicator, IndicatorSet
from iku.scales import Rules

__all__ = ["Plan", "VariableSpec", "plan_for"]


class VariableSpec:
    """How one variable is checked and aggregated."""

    __slots__ = ("aggregation", "code", "kind", "range", "signed")

    def __init__(
        self, code: str, kind: str, scale_range: tuple[float, float] | None, aggregation: str
    ) -> None:
        self.code, self.kind, self.range, self.aggregation = code, kind, scale_range, aggregation
        self.signed = kind in ("count", "amount")
        """A count or an amount: a Python int is checked for its sign alone (one unit)."""

    def __repr__(self) -> str:
        return f"VariableSpec({self.code!r}, {self.kind!r}, {self.range!r}, {self.aggregation!r})"


class Plan:
    """The compiled form of an evaluation's subject (see :func:`plan_for`): its kernels in
    decree order, ``specs`` of every variable an indicator uses (in the order they are first
    used) and ``declared``, the column names that are variables (the set's declared variables,
    or the indicator's).

    A column named like an indicator's code (whatever its case) that is no variable gives that
    indicator's realisasi directly: :meth:`given_code` finds it. :meth:`rules` gives each
    indicator's rules for a run."""

    __slots__ = (
        "_codes",
        "_flags",
        "_rules",
        "code_set",
        "declared",
        "kernels",
        "set",
        "specs",
        "subject",
    )

    def __init__(
        self,
        subject: Indicator | IndicatorSet,
        indicator_set: IndicatorSet | None,
        kernels: tuple[Kernel, ...],
        specs: Mapping[str, VariableSpec],
        declared: frozenset[str],
    ) -> None:
        self.subject, self.set, self.kernels = subject, indicator_set, kernels
        self.specs, self.declared = specs, declared
        self._codes = {k.code.casefold(): k.code for k in kernels}
        self.code_set: frozenset[str] = frozenset(k.code for k in kernels)
        """The indicator codes, to look one up."""
        self._rules: dict[Rules | None, tuple[Rules, ...]] = {}
        self._flags: dict[int, tuple[tuple[Rules, ...], tuple[tuple[bool, bool], ...]]] = {}

    def given_code(self, name: object) -> str | None:
        """The indicator whose realisasi the column ``name`` gives (its code in any case),
        or None when ``name`` is a variable or names no indicator."""
        if not isinstance(name, str) or name in self.declared:
            return None
        return self._codes.get(name.casefold())

    def rules(self, run: Rules | None = None) -> tuple[Rules, ...]:
        """Each kernel's rules: the set's, then the indicator's own, then ``run`` (each field
        that one gives overrides the one before)."""
        found = self._rules.get(run)
        if found is None:
            base = self.set.rules if self.set is not None else Rules()
            found = tuple(base.merge(k.indicator.rules).merge(run) for k in self.kernels)
            if len(self._rules) < 16:
                self._rules[run] = found
        return found

    def rule_flags(self, rules: tuple[Rules, ...]) -> tuple[tuple[bool, bool], ...]:
        """For each kernel and its ``rules`` (from :meth:`rules`): whether its capaian is the
        plain formula (``Rules.plain``) and whether its realisasi is rounded, worked out once
        per rules (the one-unit path asks on every call)."""
        found = self._flags.get(id(rules))
        if found is None or found[0] is not rules:
            flags = tuple((own.plain, own.value_decimals is not None) for own in rules)
            if len(self._flags) >= 16:
                self._flags.clear()
            found = self._flags[id(rules)] = (rules, flags)
        return found[1]

    def set_rules(self, run: Rules | None = None) -> Rules:
        """The set's rules for a run (how a sasaran's capaian is formed)."""
        base = self.set.rules if self.set is not None else Rules()
        return base.merge(run)

    @property
    def codes(self) -> tuple[str, ...]:
        """Indicator codes in decree order."""
        return tuple(k.code for k in self.kernels)

    def __reduce__(self) -> tuple[Any, ...]:
        # a plan holds compiled kernels, which do not pickle: it is made again from its subject
        return (plan_for, (self.subject,))


_CACHE_SIZE: Final = 64
_PLANS: OrderedDict[int, tuple[Indicator | IndicatorSet, Plan]] = OrderedDict()


def plan_for(subject: Indicator | IndicatorSet) -> Plan:
    """The plan of ``subject`` (an Indicator or an IndicatorSet, checked by the caller).

    Plans are cached by identity (hashing a whole set on every call would cost more than a
    one-unit evaluation); the cache holds the subject, so an id cannot be reused while cached.
    """
    entry = _PLANS.get(id(subject))
    if entry is not None and entry[0] is subject:
        return entry[1]
    plan = _build(subject)
    _PLANS[id(subject)] = (subject, plan)
    if len(_PLANS) > _CACHE_SIZE:
        _PLANS.popitem(last=False)
    return plan


def _build(subject: Indicator | IndicatorSet) -> Plan:
    if isinstance(subject, IndicatorSet):
        kernels = tuple(kernel(ind) for ind in subject)
        specs: dict[str, VariableSpec] = {}
        for k in kernels:
            for code in k.variables:
                if code not in specs:
                    v = subject.variable(code)
                    specs[code] = VariableSpec(code, str(v.kind), v.range, str(v.aggregation))
        declared = frozenset(v.code for v in subject.variables)
        return Plan(subject, subject, kernels, specs, declared)
    k = kernel(subject)
    kind, aggregation = ("real", "mean") if isinstance(subject, Index) else ("amount", "sum")
    specs = {code: VariableSpec(code, kind, None, aggregation) for code in k.variables}
    return Plan(subject, None, (k,), specs, frozenset(specs))
