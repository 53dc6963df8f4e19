import json, sys, re
ids = set(json.load(open("ids.json")))
text = open("cards.md", encoding="utf-8").read()
blocks = {m.group(1): m.group(0) for m in re.finditer(r"## (\d\d-\d\d).*?(?=\n## |\Z)", text, re.S)}
FAM = {"new", "list", "ellipsis", "field", "set", "sono_naka", "ordinal", "topic_switch"}
FIELDS = {None, "lead", "ministries", "kpi", "kpi_progress", "kpi_effect", "deadline", "overview", "name", "absent"}
CID, SPLIT, QID = sys.argv[3], sys.argv[4], sys.argv[5]   # e.g. z401 dev34 O401 prefixes
err = []; nconv = nturn = nswitch = 0; seen = set()
for i, line in enumerate(open(sys.argv[1], encoding="utf-8"), 1):
    c = json.loads(line); nconv += 1
    if not c["cid"].startswith(CID[0]) or c["cid"] in seen: err.append(f"conv line {i}: cid {c['cid']} (prefix {CID[0]}, unique)")
    seen.add(c["cid"])
    if c["split"] != SPLIT: err.append(f"conv line {i}: split must be {SPLIT}")
    if not 3 <= len(c["turns"]) <= 6: err.append(f"conv line {i}: 3-6 turns")
    nswitch += any(t["family"] == "topic_switch" for t in c["turns"])
    for j, t in enumerate(c["turns"]):
        nturn += 1; w = f"conv {c['cid']} turn {j}"
        if t["family"] not in FAM: err.append(f"{w}: family {t['family']}")
        if t["field"] not in FIELDS: err.append(f"{w}: field {t['field']}")
        for e in t["expected"]:
            if e not in ids: err.append(f"{w}: card {e} not in table")
        for s in t["must_contain"]:
            if s not in text and s not in ids: err.append(f"{w}: must_contain {s!r} not found in cards.md")
            elif t["expected"] and s not in ids and not any(s in blocks[e] for e in t["expected"]):
                err.append(f"{w}: must_contain {s!r} not in any expected card")
        for k in ("q", "note"):
            if not t.get(k): err.append(f"{w}: {k} missing")
nl = 0; qs = set()
for i, line in enumerate(open(sys.argv[2], encoding="utf-8"), 1):
    q = json.loads(line); nl += 1
    if not q["qid"].startswith(QID[0]) or q["qid"] in qs: err.append(f"list line {i}: qid {q['qid']}")
    qs.add(q["qid"])
    if q["split"] != SPLIT: err.append(f"list line {i}: split must be {SPLIT}")
    if q["kind"] not in ("topic", "attribute", "ministry"): err.append(f"list line {i}: kind")
    if not q["expected"] or any(e not in ids for e in q["expected"]): err.append(f"list line {i}: expected")
if nconv < 44 or nturn < 170: err.append(f"need >= 44 conversations and >= 170 turns (have {nconv}, {nturn})")
if nswitch * 5 < nconv: err.append(f"topic switches in {nswitch} of {nconv} conversations: need a fifth")
if nl < 45: err.append(f"need 45 list questions (have {nl})")
print("\n".join(err) if err else f"OK: {nconv} conversations, {nturn} turns, {nl} list questions")
