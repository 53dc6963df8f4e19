"""cmp.py A B: compare two devall outputs section by section (turn totals, list F1, families, single figures)."""
import re, sys
def parse(p):
    out, sec = {}, None
    for line in open(p, encoding="utf-8"):
        line = line.rstrip()
        if line.startswith("== "):
            sec = line[3:]; continue
        if sec is None: continue
        m = re.match(r"Conversations.*?: (\d+)/(\d+) turns", line)
        if m: out[(sec, "turns")] = m.group(1) + "/" + m.group(2); continue
        m = re.match(r"List questions.*?set F1 ([0-9.]+)", line)
        if m: out[(sec, "listF1")] = m.group(1); continue
        m = re.match(r"\s+([a-z_]+)\s+(\d+)/\s*(\d+)", line)
        if m: out[(sec, m.group(1))] = m.group(2) + "/" + m.group(3); continue
        if sec == "single dev" and line.strip():
            out[(sec, line.strip()[:40])] = line.strip()
    return out
a, b = parse(sys.argv[1]), parse(sys.argv[2])
same = 0
for k in list(dict.fromkeys(list(a) + list(b))):
    if a.get(k) != b.get(k):
        print(f"{k[0]:>12} {k[1]:<14} {a.get(k)} -> {b.get(k)}")
    else: same += 1
print(f"({same} figures unchanged)")
