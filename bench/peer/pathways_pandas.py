"""The peer of bench:peer: what an analyst writes instead of Routeways, in pandas.

From the extract's CSV files (people.csv, qualifications.csv, occupations.csv)
to the qualification x occupation link weights per region (distinct people
holding both titles) and the DfE pathway tables for levels 2, 3 and all
(each person's highest qualification against their latest occupation, by SSA,
qualification type, SOC sub-major group and employment type), by the rules
Routeways uses (src/store/pathway-counts.ts), read_csv included.

    python3 bench/peer/pathways_pandas.py <extract folder>

Prints a JSON summary (step seconds, per-region link totals, the pathway
cube's rows) that bench/peer.ts compares with Routeways'.
"""
import json
import sys
import time

import numpy as np
import pandas as pd

folder = sys.argv[1]
steps = {}
t0 = time.perf_counter()
people = pd.read_csv(f"{folder}/people.csv", dtype={"person_id": str, "region": str})
quals = pd.read_csv(
    f"{folder}/qualifications.csv",
    dtype={"person_id": str, "qualification": str, "ssa": "Int64", "level": "Int64", "type": str, "highest": str},
    parse_dates=["achieved_on"],
)
occs = pd.read_csv(
    f"{folder}/occupations.csv",
    dtype={"person_id": str, "occupation": str, "soc": str, "employment_type": str},
    parse_dates=["started_on"],
)
# Records of people not in people.csv are left out, as at import.
quals = quals[quals["person_id"].isin(people["person_id"])]
occs = occs[occs["person_id"].isin(people["person_id"])]
steps["import"] = time.perf_counter() - t0

# Link weights per region: distinct people holding both titles.
t0 = time.perf_counter()
q = quals[["person_id", "qualification"]].drop_duplicates()
o = occs[["person_id", "occupation"]].drop_duplicates()
pairs = q.merge(o, on="person_id").merge(people[["person_id", "region"]], on="person_id")
w = pairs.groupby(["region", "qualification", "occupation"]).size()
analysed = pairs.groupby("region")["person_id"].nunique()
links = {}
for region, ws in w.groupby(level="region"):
    links[region] = {
        "links": int(ws.size),
        "people": int(analysed[region]),
        "sumW": int(ws.sum()),
        "sumW2": int((ws.astype(np.int64) ** 2).sum()),
    }
steps["links"] = time.perf_counter() - t0

# Pathways: each person's highest qualification (highest flag, level, latest
# achieved, first listed) and latest occupation (latest started, first listed).
t0 = time.perf_counter()
EPOCH = pd.Timestamp("1900-01-01")


def days(col):
    d = (col - EPOCH).dt.days
    return d.clip(0, 131071).fillna(0).astype(np.int64)


qq = quals.assign(
    row=np.arange(len(quals)),
    h=quals["highest"].str.lower().isin(["true", "t", "yes", "y", "1"]).astype(np.int64),
    lv=(quals["level"].astype("float") + 1).clip(0, 15).fillna(0).astype(np.int64),
    d=days(quals["achieved_on"]),
)
best_q = qq.sort_values(["h", "lv", "d", "row"], ascending=[True, True, True, False]).drop_duplicates("person_id", keep="last")
oo = occs.assign(row=np.arange(len(occs)), d=days(occs["started_on"]))
best_o = oo.sort_values(["d", "row"], ascending=[True, False]).drop_duplicates("person_id", keep="last")
best_o = best_o.assign(sub=best_o["soc"].str.strip().str[:2])
pw = best_q[["person_id", "lv", "ssa", "type"]].merge(best_o[["person_id", "sub", "employment_type"]], on="person_id", how="left", indicator=True)
status = np.select(
    [pw["_merge"] == "left_only", pw["sub"].isna(), pw["ssa"].isna()],
    ["no-occupation", "no-soc", "no-ssa"],
    "analysed",
)
ok = status == "analysed"
cube = pd.DataFrame(
    {
        "level": np.where(pw["lv"] > 0, (pw["lv"] - 1).astype(str), ""),
        "status": status,
        "ssa": np.where(ok, pw["ssa"].astype(str), ""),
        "qt": np.where(ok, pw["type"].fillna(""), ""),
        "soc": np.where(ok, pw["sub"].fillna(""), ""),
        "et": np.where(ok, pw["employment_type"].fillna(""), ""),
    }
)
counts = cube.groupby(list(cube.columns)).size().reset_index(name="n")
# The DfE tables for levels 2, 3 and all: SSA x SOC sub-major group, type x employment type, coverage.
tables = 0
for level in ["2", "3", None]:
    c = counts if level is None else counts[counts["level"] == level]
    a = c[c["status"] == "analysed"]
    for rows, cols in [("ssa", "soc"), ("qt", "et"), ("ssa", "et"), ("qt", "soc")]:
        pd.pivot_table(a, values="n", index=rows, columns=cols, aggfunc="sum", fill_value=0, margins=True)
        tables += 1
    c.groupby("status")["n"].sum()
    tables += 1
steps["pathways"] = time.perf_counter() - t0

rows = sorted("|".join([*(str(x) for x in r[:-1]), str(r[-1])]) for r in counts.itertuples(index=False))
print(json.dumps({"steps": steps, "links": links, "cube": rows, "tables": tables, "importedPeople": int(len(people))}))
