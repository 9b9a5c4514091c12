#!/usr/bin/env python3
"""The KPIs of examples/snowreport, computed independently with pandas.

    python3 kpis.py export.csv > kpis.json

Same definitions as snowreport's report (see its package doc): each field
of an incident is taken from its latest row (sys_updated_at, then
sys_mod_count, then file order) in which the field is readable, an empty
value ("" or "?") being readable. Rows without a number or a readable
sys_updated_at are skipped. Dates are read as the generator writes them
(d/m/yyyy H:MM, day first). Time to resolve is resolved_at - opened_at for
incidents in state Resolved or Closed; unknown when either is missing or
negative; quantiles interpolate linearly (pandas' default).
"""
import json
import sys

import numpy as np
import pandas as pd

COLS = ["number", "incident_state", "sys_mod_count", "opened_at", "sys_updated_at", "resolved_at",
        "reassignment_count", "reopen_count", "made_sla", "priority"]
DATE = "%d/%m/%Y %H:%M"
STATES = {"new": "New", "1": "New", "active": "In Progress", "in progress": "In Progress", "2": "In Progress",
          "resolved": "Resolved", "6": "Resolved", "closed": "Closed", "7": "Closed",
          "canceled": "Canceled", "cancelled": "Canceled", "8": "Canceled"}
for hold in ["on hold", "3", "awaiting user info", "awaiting caller", "awaiting change", "awaiting problem",
             "awaiting vendor", "awaiting evidence"]:
    STATES[hold] = "On Hold"
PRIORITY = {"1 - critical": 1, "2 - high": 2, "3 - moderate": 3, "4 - low": 4, "5 - planning": 5}


def main(path):
    df = pd.read_csv(path, usecols=COLS, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    df = df.apply(lambda c: c.str.strip())
    empty = lambda c: c.isin(["", "?"])
    df["updated"] = pd.to_datetime(df["sys_updated_at"], format=DATE, errors="coerce")
    df = df[~empty(df["number"]) & df["updated"].notna()].copy()
    mod = pd.to_numeric(df["sys_mod_count"], errors="coerce")
    df["mod"] = mod.where(mod >= 0, 0).fillna(0).clip(upper=65535)
    df["line"] = np.arange(len(df))
    df = df.sort_values(["updated", "mod", "line"], kind="stable")

    def latest(values, valid):
        """Per number, the value of the latest row where valid (NaN included:
        an empty value is a value, which GroupBy.last would skip)."""
        v, keys = values[valid], df["number"][valid]
        last = ~keys.duplicated(keep="last")
        return pd.Series(v[last].to_numpy(), index=keys[last].to_numpy())

    state = df["incident_state"].str.lower().map(STATES)
    state = state.where(~df["incident_state"].str.match(r"^-\d+$"), "Custom active")
    st = latest(state, state.notna())
    opened = pd.to_datetime(df["opened_at"], format=DATE, errors="coerce")
    op = latest(opened, opened.notna())
    resolved = pd.to_datetime(df["resolved_at"], format=DATE, errors="coerce")
    rs = latest(resolved, resolved.notna() | empty(df["resolved_at"]))

    def counts(col):
        n = pd.to_numeric(df[col], errors="coerce")
        ok = (n.notna() & (n >= 0) & df[col].str.fullmatch(r"\d+")) | empty(df[col])
        return latest(n, ok)

    reassign, reopen = counts("reassignment_count"), counts("reopen_count")
    made_raw = df["made_sla"].str.lower()
    made = made_raw.map({"true": 1.0, "1": 1.0, "yes": 1.0, "false": 0.0, "0": 0.0, "no": 0.0})
    md = latest(made, made.notna() | empty(df["made_sla"]))
    prio_raw = df["priority"].str.lower()
    prio = prio_raw.map(PRIORITY)
    pr = latest(prio, prio.notna() | empty(df["priority"]))

    numbers = df["number"].unique()
    inc = pd.DataFrame(index=pd.Index(numbers, name="number"))
    inc["state"], inc["opened"], inc["resolved"] = st, op, rs
    inc["reassign"], inc["reopen"], inc["made"], inc["prio"] = reassign, reopen, md, pr
    done = inc[inc["state"].isin(["Resolved", "Closed"])].copy()
    done["ttr"] = (done["resolved"] - done["opened"]).dt.total_seconds() / 3600
    known = done[done["ttr"].notna() & (done["ttr"] >= 0)]

    def ttr(s):
        if len(s) == 0:
            return {"n": 0, "mean": None, "median": None, "p90": None}
        return {"n": int(len(s)), "mean": float(s.mean()), "median": float(s.median()), "p90": float(s.quantile(0.9))}

    out = {
        "incidents": int(len(inc)),
        "closed": int((inc["state"] == "Closed").sum()),
        "reopened_incidents": int((inc["reopen"] > 0).sum()),
        "reopenings": int(inc["reopen"].sum()),
        "mean_reassignments": float(inc["reassign"].mean()),
        "made_sla_known": int(inc["made"].notna().sum()),
        "made_sla_rate": float(100 * inc["made"].mean()),
        "ttr_n": int(len(known)),
        "ttr_unknown": int(len(done) - len(known)),
    }
    t = ttr(known["ttr"])
    out.update({"ttr_mean": t["mean"], "ttr_median": t["median"], "ttr_p90": t["p90"]})
    out["by_priority"] = {name: ttr(known[known["prio"] == p]["ttr"]) for name, p in
                          [("1 - Critical", 1), ("2 - High", 2), ("3 - Moderate", 3), ("4 - Low", 4), ("5 - Planning", 5)]}
    json.dump(out, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main(sys.argv[1])
