import json, sys
n = sys.argv[1]
src = [json.loads(l) for l in open(f"src{n}.jsonl", encoding="utf-8")]
out = {}
for i, l in enumerate(open(f"out{n}v.jsonl", encoding="utf-8"), 1):
    c = json.loads(l); out.setdefault(c["cid"], c)
err = []
for s in src:
    for suf in "ab":
        cid = s["cid"] + suf; c = out.get(cid)
        if c is None: err.append(f"{cid}: missing"); continue
        if len(c["turns"]) != len(s["turns"]): err.append(f"{cid}: turn count"); continue
        for k in ("split", "persona"):
            if c[k] != s[k]: err.append(f"{cid}: {k} changed")
        for j, (a, b) in enumerate(zip(s["turns"], c["turns"])):
            for k in a:
                if k != "q" and a[k] != b.get(k): err.append(f"{cid} turn {j}: {k} changed")
            if j == 0 and a["q"] != b["q"]: err.append(f"{cid} turn 0: must stay word for word")
            if j > 0 and a["q"] == b["q"]: err.append(f"{cid} turn {j}: not reworded")
        if suf == "b" and cid[:-1] + "a" in out:
            for j, (x, y) in enumerate(zip(out[cid[:-1] + "a"]["turns"], c["turns"])):
                if j > 0 and x["q"] == y["q"]: err.append(f"{cid} turn {j}: same as the a copy")
if len(out) != 2 * len(src): err.append(f"{len(out)} conversations, want {2 * len(src)}")
print("\n".join(err[:40]) if err else f"OK: {len(out)} conversations")
